// Process-wide state the differential suites (v4: tests/node/differential/, v5: tests/node/v5/)
// switch per scenario: the environment variables both libraries read at call time, and the
// console both log to.

/** `setEnv(env)` makes exactly `env`'s values of `keys` visible (others unset); `restoreEnv()`. */
export function envSwitch(keys) {
  const original = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  const setEnv = (env) => {
    for (const k of keys) {
      if (env[k] === undefined) delete process.env[k];
      else process.env[k] = env[k];
    }
  };
  return { setEnv, restoreEnv: () => setEnv(original) };
}

const CONSOLE_METHODS = ["error", "warn", "info", "debug", "log", "trace"];

/** Runs `fn` with console output captured (and silenced): `{ value, logs: [{ level, text }] }`. */
export async function capturingConsole(fn) {
  const logs = [];
  const saved = CONSOLE_METHODS.map((k) => console[k]);
  for (const k of CONSOLE_METHODS) {
    console[k] = (...args) => logs.push({ level: k, text: args.map(String).join(" ") });
  }
  try {
    return { value: await fn(), logs };
  } finally {
    CONSOLE_METHODS.forEach((k, i) => (console[k] = saved[i]));
  }
}
