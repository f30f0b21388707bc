/* tslint:disable */
/* eslint-disable */

/**
 * `decode({ token, secret, salt, now })` → the claims object, or a rejection saying why.
 */
export function decode(params: any): Promise<any>;

/**
 * `encode({ token, secret, salt, maxAge })` → a next-auth v4 session token.
 */
export function encode(params: any): Promise<any>;

/**
 * next-auth's `getServerSession(req, res, authOptions)`, plus the edge form
 * `getServerSession(req, authOptions)`. With a `res` (Node `ServerResponse`, or a `Headers`),
 * the cookie is re-issued through it; responses carrying a session are marked
 * `Cache-Control: private, no-store`.
 */
export function getServerSession(req: any, second: any, third: any): Promise<any>;

/**
 * `getToken({ req, secret, cookieName, secureCookie, raw, decode })`: the decoded token, the raw
 * string with `raw: true`, or `null`.
 */
export function getToken(params: any): Promise<any>;

/**
 * `readSession(req, authOptions)` → `{ session, setCookie }`: the session next-auth's
 * `getServerSession` would return (or `null`) and the `Set-Cookie` values it would send.
 */
export function readSession(req: any, options: any): Promise<any>;

/**
 * A Rust panic would leave the instance unusable; report it clearly if one ever happens.
 */
export function start(): void;

/**
 * `withAuth(...)`, exactly as `next-auth/middleware` dispatches on its arguments:
 * a `Request` first runs the check now (a second argument that is a fetch event is not options);
 * a function first wraps that middleware; anything else is options.
 */
export function withAuth(first: any, second: any): any;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly decode: (a: any) => any;
    readonly encode: (a: any) => any;
    readonly getServerSession: (a: any, b: any, c: any) => any;
    readonly getToken: (a: any) => any;
    readonly readSession: (a: any, b: any) => any;
    readonly start: () => void;
    readonly withAuth: (a: any, b: any) => [number, number, number];
    readonly wasm_bindgen__convert__closures_____invoke__h54b5da6870ca2a0a: (a: number, b: number, c: any, d: any, e: any) => any;
    readonly wasm_bindgen__convert__closures_____invoke__h1c63c6372677919a: (a: number, b: number, c: any, d: any) => void;
    readonly wasm_bindgen__convert__closures_____invoke__hb75119badfe1c789: (a: number, b: number, c: any) => [number, number];
    readonly wasm_bindgen__convert__closures_____invoke__h9ffd8e0218be0e8d: (a: number, b: number) => void;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_exn_store: (a: number) => void;
    readonly __externref_table_alloc: () => number;
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_destroy_closure: (a: number, b: number) => void;
    readonly __externref_table_dealloc: (a: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
