#!/usr/bin/env node
// `npm run bench [names…]`: runs bench/run.ts with the TypeScript loader.
import { register } from "tsx/esm/api";
import { applyWasmFlags } from "./wasm-engine.js";

// The in-process benchmarks run PGlite and Prisma with the bot's engine settings.
applyWasmFlags();

register();
await import("../bench/run.ts");
