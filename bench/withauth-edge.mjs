// Item 2b: `withAuth` per request inside the `edge-runtime` package's EdgeRuntime — the sandbox
// Next.js runs edge middleware in — next-auth's vs ours, both bundled by esbuild with the
// `edge-light` condition, each in its own sandbox (as each middleware gets its own context).
// Like Next in production: code generation is off; our wasm is compiled OUTSIDE and handed to the
// sandbox through `extend`, so the sandbox never compiles from bytes. Requests (NextRequest +
// NextFetchEvent) are built inside each sandbox, untimed; the timing loop runs outside.

import { edgeSides } from "./lib/edge-sandbox.mjs";
import { ENV, loadMaterials } from "./lib/materials.mjs";
import { measureWithAuth, constructionCost } from "./lib/withauth-runs.mjs";

const sides = await edgeSides({ nextauthEntry: "bench/edge/nextauth-entry.mjs", oursEntry: "bench/edge/ours-entry.mjs", env: ENV });

const { requests } = await loadMaterials();
const rows = await measureWithAuth(sides, requests, { batch: 100, batches: 100, seconds: 10 });
console.log(JSON.stringify({ withAuthEdge: rows, nextRequestEdge: constructionCost(sides.ours.maker(requests["signed in"])) }));
