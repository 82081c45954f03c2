// Start-up work begun by bin/duban.js before the bundle loads, so that it runs on V8's background
// threads while the main thread loads the bundle (plain JavaScript; src/store/preload.ts takes it).
import fs from "node:fs";

/** Where the store finds what was begun here (one process-wide slot, read once). */
export const PRELOAD_KEY = Symbol.for("duban.preload");

/** Commands that open the store (`import --dry-run` and `help` do not). */
const STORE_COMMANDS = new Set(["start", "console", "migrate", "import", "export"]);

/**
 * For a command that will open the embedded store: reads PGlite's PostgreSQL WebAssembly (9 MB) and
 * compiles it asynchronously (off the main thread), instead of after the bundle has loaded and the
 * store is being opened. Nothing is begun for a PostgreSQL server (DATABASE_URL) or other commands.
 * A failure here is silent: the store then loads PGlite the usual way.
 */
export function preloadStore(argv = process.argv.slice(2), env = process.env) {
  const [command = "start"] = argv;
  if (!STORE_COMMANDS.has(command) || (command === "import" && argv.includes("--dry-run"))) return;
  if (env.DATABASE_URL) return;
  let wasm;
  try {
    wasm = new URL("pglite.wasm", import.meta.resolve("@electric-sql/pglite"));
  } catch {
    return;
  }
  const pgliteWasmModule = fs.promises
    .readFile(wasm)
    .then((bytes) => WebAssembly.compile(bytes))
    .catch(() => undefined);
  globalThis[PRELOAD_KEY] = { pgliteWasmModule };
}
