#!/usr/bin/env node
// Runs the compiled bundle (bin/build.js), rebuilding it first when a source is newer; the
// TypeScript sources through tsx only when a build is impossible.
import fs from "node:fs";
import module from "node:module";
import { build, currentBuild } from "./build.js";
import { preloadStore } from "./preload.js";
import { applyWasmFlags } from "./wasm-engine.js";

// A .env file in the working directory fills in variables that are not already set.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
applyWasmFlags();
preloadStore();
// Node 22+ keeps V8's compiled code of the bundle and its packages between starts (Node 20 has no such cache).
module.enableCompileCache?.();
// A closed pipe (`duban import --dry-run --json plan.txt | head -3`) ends the output quietly:
// the reader has gone, so further output is dropped instead of crashing with an EPIPE trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (err) => {
    if (err.code !== "EPIPE") throw err;
    stream.write = (_chunk, encoding, cb) => {
      const done = typeof encoding === "function" ? encoding : cb;
      if (typeof done === "function") queueMicrotask(() => done());
      return true;
    };
  });
}
let entry = currentBuild();
if (!entry) {
  try {
    entry = await build();
  } catch (err) {
    process.stderr.write(`duban: could not build (${err.message}); running the sources through tsx\n`);
  }
}
let main;
if (entry) {
  ({ main } = await import(entry));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
