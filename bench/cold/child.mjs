// One cold start in a fresh `node` process: `node bench/cold/child.mjs <module>`, the module whose
// `withAuth` answers (a package specifier such as `next-auth/middleware`, or a file URL).
// Next's own runtime (next/server) is loaded and the request built BEFORE the clock starts: a Next
// app has both before any middleware module loads. The clock then covers importing the middleware
// module (ours: inflate + compile + instantiate the wasm) and its first answer (ours: HKDF once).
// Imports nothing else of the bench: next-auth/jwt must not be pre-loaded for either side.

import { performance } from "node:perf_hooks";
import { NextRequest, NextFetchEvent } from "../lib/node-next.mjs";
import { requestMaker, outcome } from "../lib/next-request.mjs";

const { env, request } = JSON.parse(process.env.BENCH_COLD);
Object.assign(process.env, env);
const [req, ev] = requestMaker({ NextRequest, NextFetchEvent }, request)();

const t0 = performance.now();
const { withAuth } = await import(process.argv[2]);
const imported = performance.now();
const response = await withAuth(req, ev);
const answered = performance.now();
console.log(JSON.stringify({ importMs: imported - t0, firstAnswerMs: answered - t0, outcome: outcome(response) }));
