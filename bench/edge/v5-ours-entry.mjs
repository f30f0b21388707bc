// Sandbox bundle, our side: nextauth-edge/v5 (its `#nextauth-edge` import resolves to the
// edge-light entry, which receives the compiled WebAssembly.Module) + next/server.
import NextAuth from "nextauth-edge/v5";
import { NextRequest } from "next/server";
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";

const { auth } = NextAuth({ providers: [], callbacks: { authorized: ({ auth }) => !!auth } });
globalThis.__bench = { auth, NextRequest, NextFetchEvent };
