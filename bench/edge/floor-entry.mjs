// Sandbox bundle, the floor: what every Next.js edge middleware bundle holds without any
// middleware (next/server and the request maker). Its start-up is the edge sandbox's own cost.
import { NextRequest } from "next/server";
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { requestMaker, outcome } from "../lib/next-request.mjs";

globalThis.__bench = { outcome, maker: (spec) => requestMaker({ NextRequest, NextFetchEvent }, spec) };
