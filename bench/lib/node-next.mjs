// Next's `next/server` in plain Node: it captures `globalThis.AsyncLocalStorage` when loaded (the
// edge runtime provides one; Node has it only in node:async_hooks). Import this before next-auth.
import { AsyncLocalStorage } from "node:async_hooks";
import { createRequire } from "node:module";

globalThis.AsyncLocalStorage ??= AsyncLocalStorage;
const require = createRequire(import.meta.url);
export const { NextRequest } = require("next/server");
export const { NextFetchEvent } = require("next/dist/server/web/spec-extension/fetch-event");
