// CPU time of child processes (workerd), read from /proc: the Worker's own cost per request,
// without the Node client that drives it.

import { readFileSync, readdirSync } from "node:fs";

const TICK_US = 1e6 / 100; // USER_HZ is 100 on Linux

export function childPids(name) {
  const pids = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === process.pid && comm === name) pids.push(Number(entry));
    } catch {}
  }
  return pids;
}

/** utime + stime of `pid` (all threads) in µs; 10 ms resolution, so measure long enough. */
export function cpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}
