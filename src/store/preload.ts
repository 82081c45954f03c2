import type { PGliteOptions } from "@electric-sql/pglite";

/** What bin/preload.js began before the bundle loaded (see there). */
interface Preloaded {
  pgliteWasmModule?: Promise<WebAssembly.Module | undefined>;
}

const KEY = Symbol.for("duban.preload");

/**
 * PGlite options with the WebAssembly module bin/preload.js compiled while the bundle loaded, for
 * the first embedded store this process opens; empty when nothing was preloaded (tests, a second
 * store) or the preload failed, and PGlite then loads its module itself.
 */
export async function preloadedPgliteOptions(): Promise<Pick<PGliteOptions, "pgliteWasmModule">> {
  const slot = globalThis as { [KEY]?: Preloaded };
  const preloaded = slot[KEY];
  delete slot[KEY];
  const pgliteWasmModule = await preloaded?.pgliteWasmModule;
  return pgliteWasmModule ? { pgliteWasmModule } : {};
}
