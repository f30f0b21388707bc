// Comparing two observations, grouping mismatches, and picking the smallest reproduction.

import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import { defaults, FIELDS } from "./scenarios.mjs";

/** null when equal (assert.deepStrictEqual semantics), else the assertion's diff text. */
export function deepDiff(expected, actual) {
  try {
    assert.deepStrictEqual(actual, expected);
    return null;
  } catch (error) {
    return error.message;
  }
}

/** A short signature of how two observations differ: the top-level fields that differ. */
export function signature(expected, actual) {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  const parts = [];
  for (const k of keys) {
    if (isDeepStrictEqual(expected[k], actual[k])) continue;
    if (k === "result" || k === "status" || k === "loggedNoSecret") parts.push(`${k}: ${JSON.stringify(expected[k])} → ${JSON.stringify(actual[k])}`);
    else parts.push(k);
  }
  return parts.join("; ");
}

/** How far a scenario is from the all-defaults scenario of its form (smaller = simpler repro). */
export function complexity(s) {
  const base = defaults(s.form);
  return FIELDS.filter((d) => s[d] !== base[d]).length;
}

/** The scenario as JSON without its id, for a reproduction. */
export function repro(s) {
  const { id, ...rest } = s;
  return JSON.stringify(rest);
}

/** Groups `[ { scenario, expected, actual, note } ]` by signature, simplest scenario first. */
export function groupFailures(failures) {
  const groups = new Map();
  for (const f of failures) {
    const key = f.groupKey ?? `${f.note} | ${signature(f.expected, f.actual)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(f);
  }
  return [...groups.entries()].map(([key, list]) => {
    list.sort((a, b) => complexity(a.scenario) - complexity(b.scenario));
    return { key, count: list.length, simplest: list[0], ids: list.map((f) => f.scenario.id), traits: commonTraits(list) };
  });
}

/** Field values every scenario of the group shares and that differ from the defaults. */
function commonTraits(group) {
  const all = group.map((f) => f.scenario);
  return FIELDS.filter((d) => all.every((s) => s[d] === all[0][d]) && all.some((s) => s[d] !== defaults(s.form)[d]))
    .map((d) => `${d}=${JSON.stringify(all[0][d])}`)
    .join(", ");
}

export function formatGroups(groups, { maxIds = 12 } = {}) {
  return groups
    .map((g, i) => {
      const s = g.simplest;
      return [
        `── ${i + 1}. ${g.key}  (${g.count} scenario${g.count === 1 ? "" : "s"}; the simplest differs in: ${signature(s.expected, s.actual)})`,
        `   shared by all: ${g.traits || "(nothing beyond the defaults)"}`,
        `   minimal reproduction (${s.scenario.id}): ${repro(s.scenario)}`,
        `   ids: ${g.ids.slice(0, maxIds).join(", ")}${g.ids.length > maxIds ? ", …" : ""}`,
        `   ${deepDiff(s.expected, s.actual)?.split("\n").slice(0, 60).join("\n   ")}`,
      ].join("\n");
    })
    .join("\n\n");
}
