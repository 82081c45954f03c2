import { defineConfig } from "vitest/config";
import { WASM_FLAGS } from "./bin/wasm-engine.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Hang guards, not speed goals (those live in `npm run bench`): on a machine whose cores are busy
    // with other work a PGlite start and migration alone can take a minute, so both are generous.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    pool: "forks",
    // One worker process runs many test files (each file still opens its own store): Node, vitest's
    // runner, Prisma, PGlite's WebAssembly and the SDKs load once per worker instead of once per file.
    isolate: false,
    // Test workers run PGlite's WebAssembly as the bot does (bin/wasm-engine.js): a test file's
    // in-memory store starts in about half the CPU and 60 MiB less than with V8's tier-up.
    execArgv: process.env.DUBAN_WASM_OPTIMIZE === "1" ? [] : WASM_FLAGS,
    globalSetup: ["test/helpers/global-setup.ts"],
  },
});
