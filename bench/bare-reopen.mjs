// The yardstick for the warm start: PGlite alone reopening a data directory and answering one
// query, with the bot's options. Prints "ok" when the answer is in. With --bot-engine, V8 runs
// the WebAssembly as the bot does (bin/wasm-engine.js); without, with Node's defaults.
import { applyWasmFlags } from "../bin/wasm-engine.js";

if (process.argv.includes("--bot-engine")) applyWasmFlags({});
const { PGlite } = await import("@electric-sql/pglite");
const db = await PGlite.create(process.argv[2], { postgresqlconf: ["shared_buffers = 16MB"] });
await db.query(`SELECT count(*) FROM "Plan"`);
process.stdout.write("ok\n");
await db.close();
