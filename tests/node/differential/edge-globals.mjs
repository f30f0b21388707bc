// Import this FIRST wherever next/server or Next's adapter gets loaded: `next/server` pulls in
// Next's async-local-storage module, which captures `globalThis.AsyncLocalStorage` at load time
// (the edge runtime provides it; plain Node has the class only in node:async_hooks).

import { AsyncLocalStorage } from "node:async_hooks";

globalThis.AsyncLocalStorage ??= AsyncLocalStorage;
