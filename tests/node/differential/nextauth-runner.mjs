// Runner A: the real next-auth 4.24.15 `withAuth` (next-auth/middleware), real NextRequest.

import "./edge-globals.mjs"; // before next-auth/middleware (which loads next/server)
import { withAuth } from "next-auth/middleware";
import { runScenario } from "./harness.mjs";

export const label = "next-auth";

export function runNextAuth(scenario, materials) {
  return runScenario(withAuth, scenario, materials);
}
