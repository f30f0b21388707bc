// Sandbox bundle, next-auth@5 side: NextAuth(config).auth as a Next.js edge middleware bundle holds it.
import NextAuth from "next-auth-v5";
import { NextRequest } from "next/server";
import { NextFetchEvent } from "next/dist/server/web/spec-extension/fetch-event";

const { auth } = NextAuth({ providers: [], callbacks: { authorized: ({ auth }) => !!auth } });
globalThis.__bench = { auth, NextRequest, NextFetchEvent };
