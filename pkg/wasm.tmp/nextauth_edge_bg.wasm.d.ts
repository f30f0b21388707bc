/* tslint:disable */
/* eslint-disable */
export const memory: WebAssembly.Memory;
export const decode: (a: any) => any;
export const encode: (a: any) => any;
export const getServerSession: (a: any, b: any, c: any) => any;
export const getToken: (a: any) => any;
export const readSession: (a: any, b: any) => any;
export const start: () => void;
export const withAuth: (a: any, b: any) => [number, number, number];
export const wasm_bindgen__convert__closures_____invoke__h54b5da6870ca2a0a: (a: number, b: number, c: any, d: any, e: any) => any;
export const wasm_bindgen__convert__closures_____invoke__h1c63c6372677919a: (a: number, b: number, c: any, d: any) => void;
export const wasm_bindgen__convert__closures_____invoke__hb75119badfe1c789: (a: number, b: number, c: any) => [number, number];
export const wasm_bindgen__convert__closures_____invoke__h9ffd8e0218be0e8d: (a: number, b: number) => void;
export const __wbindgen_malloc: (a: number, b: number) => number;
export const __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
export const __wbindgen_free: (a: number, b: number, c: number) => void;
export const __wbindgen_exn_store: (a: number) => void;
export const __externref_table_alloc: () => number;
export const __wbindgen_externrefs: WebAssembly.Table;
export const __wbindgen_destroy_closure: (a: number, b: number) => void;
export const __externref_table_dealloc: (a: number) => void;
export const __wbindgen_start: () => void;
