// Sandbox bundle, our side through `nextauth-edge/middleware`: its `edge-light` entry
// (pkg/wasm/middleware/edge.mjs, the withAuth-only module) + next/server, as Next bundles it.
import { withAuth } from "nextauth-edge/middleware";
import { NextRequest } from "next/server";
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { requestMaker, outcome } from "../lib/next-request.mjs";

globalThis.__bench = { withAuth, outcome, maker: (spec) => requestMaker({ NextRequest, NextFetchEvent }, spec) };
