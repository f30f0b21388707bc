// Sandbox bundle, our side: the package's `edge-light` entry (pkg/edge.mjs, which receives the
// compiled WebAssembly.Module through its `?module` import) + next/server, as Next bundles it.
import { withAuth } from "nextauth-edge";
import { NextRequest } from "next/server";
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { requestMaker, outcome } from "../lib/next-request.mjs";

globalThis.__bench = { withAuth, outcome, maker: (spec) => requestMaker({ NextRequest, NextFetchEvent }, spec) };
