// What the figures were measured on; load average too, since this is a shared 2-core machine.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

export function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "unknown CPU";
  let rustc = "rustc ?";
  try {
    rustc = execFileSync("rustc", ["--version"], { encoding: "utf8" }).trim().split(" ").slice(0, 2).join(" ");
  } catch {}
  return { nproc: availableParallelism(), model, node: process.version, rustc };
}

export const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");
