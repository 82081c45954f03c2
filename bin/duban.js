#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step): tsx registers the loader.
import fs from "node:fs";
import { register } from "tsx/esm/api";

// A .env file in the working directory fills in variables that are not already set.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
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
register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
