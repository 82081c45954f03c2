/** V8 flags for the WebAssembly inside Duban (see wasm-engine.js). */
export declare const WASM_FLAGS: string[];
/** Applies WASM_FLAGS unless env.DUBAN_WASM_OPTIMIZE is "1". */
export declare function applyWasmFlags(env?: Record<string, string | undefined>): void;
