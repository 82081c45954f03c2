// How V8 runs the WebAssembly inside Duban (PGlite's PostgreSQL, Prisma's query compiler).
// Plain JavaScript: bin/duban.js, bin/pglite-template.js and the benchmarks apply it before any
// WebAssembly is compiled.
import v8 from "node:v8";

/**
 * Baseline code only (Liftoff), no optimizing tier-up (TurboFan). V8's default re-compiles the hot
 * parts of PostgreSQL's 9 MB module with TurboFan while the store starts and serves its first
 * queries, which a chat bot never earns back. Measured on a warm start's reopen of the data dir:
 * 130 instead of 190 MiB peak and about half the CPU; 150 updates from a cold process: 25% less
 * CPU; a long-running store at full load: about 10% more CPU per update. DUBAN_WASM_OPTIMIZE=1
 * keeps V8's default (for a store that serves sustained heavy load).
 */
export const WASM_FLAGS = ["--liftoff-only"];

export function applyWasmFlags(env = process.env) {
  if (env.DUBAN_WASM_OPTIMIZE === "1") return;
  for (const flag of WASM_FLAGS) v8.setFlagsFromString(flag);
}
