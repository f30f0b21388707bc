// `make dev`'s server (scripts/dev-worker.sh: wrangler dev on 127.0.0.1 with DEV_DEMO) answers
// the newcomer's walk: protected page → sign-in page → sign in → back on the page, signed in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { ROOT, stopProcessGroup, waitForServer, wranglerDevPorts } from "./helpers.mjs";


test("wrangler dev serves the demo flow", { timeout: 180_000 }, async () => {
  const [port, inspector] = await wranglerDevPorts();
  let output = "";
  const child = spawn(
    "scripts/dev-worker.sh",
    [String(port), "--inspector-port", String(inspector), "--var", "NEXTAUTH_SECRET:dev-suite-secret"],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForServer(base, child, () => output);

    let res = await fetch(`${base}/dashboard`, { redirect: "manual" });
    assert.equal(res.status, 307);
    const signIn = res.headers.get("location");
    assert.equal(signIn, `${base}/api/auth/signin?callbackUrl=%2Fdashboard`);

    res = await fetch(signIn);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Ada Lovelace — role admin/);

    res = await fetch(`${base}/api/auth/signin`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "user=ada&callbackUrl=%2Fdashboard",
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get("location"), "/dashboard");
    const session = res.headers.get("set-cookie").split(";")[0];

    res = await fetch(`${base}/dashboard`, { headers: { cookie: session } });
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /Signed in/);
    assert.match(html, /Ada Lovelace/);
  } finally {
    await stopProcessGroup(child);
  }
});
