// The real next-auth@5.0.0-beta.32 (installed as "next-auth-v5"), importable from plain Node.
import "../differential/edge-globals.mjs";
import { register } from "node:module";

register("./next-resolve-hooks.mjs", import.meta.url);

const module = await import("next-auth-v5");
export const RealNextAuth = module.default;
