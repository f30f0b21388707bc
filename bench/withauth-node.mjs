// Item 2a: `withAuth` per request in Node — next-auth's vs ours, on real NextRequest objects.
// Both are used as the one-line drop-in (`export { default } from …`): Next calls
// `withAuth(req, event)` and awaits it; the secret and NEXTAUTH_URL come from process.env.
// A fresh NextRequest + NextFetchEvent per call is built untimed; the `withAuth` call and its
// promise are timed. The construction cost is reported separately (Next pays it anyway; it also
// parses the cookies, which next-auth then reads through `req.cookies`).

import { NextRequest, NextFetchEvent } from "./lib/node-next.mjs";
import { withAuth as nextAuthWithAuth } from "next-auth/middleware";
import { withAuth as ourWithAuth } from "nextauth-edge";
import { ENV, loadMaterials } from "./lib/materials.mjs";
import { requestMaker, outcome } from "./lib/next-request.mjs";
import { measureWithAuth, constructionCost } from "./lib/withauth-runs.mjs";

Object.assign(process.env, ENV);
const { requests } = await loadMaterials();
const maker = (spec) => requestMaker({ NextRequest, NextFetchEvent }, spec);
const sides = {
  nextauth: { withAuth: nextAuthWithAuth, maker, outcome },
  ours: { withAuth: ourWithAuth, maker, outcome },
};
const rows = await measureWithAuth(sides, requests, { batch: 100, batches: 100, seconds: 8 });
console.log(JSON.stringify({ withAuthNode: rows, nextRequestNode: constructionCost(maker(requests["signed in"])) }));
