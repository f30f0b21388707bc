// Sandbox bundle, next-auth side: what a Next.js edge middleware bundle holds (next/server +
// next-auth/middleware), plus the request maker so requests are built inside the sandbox realm.
import { withAuth } from "next-auth/middleware";
import { NextRequest } from "next/server";
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";
import { requestMaker, outcome } from "../lib/next-request.mjs";

globalThis.__bench = { withAuth, outcome, maker: (spec) => requestMaker({ NextRequest, NextFetchEvent }, spec) };
