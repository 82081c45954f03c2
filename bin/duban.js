#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step): tsx registers the loader.
import fs from "node:fs";
import { register } from "tsx/esm/api";

// A .env file in the working directory fills in variables that are not already set.
if (fs.existsSync(".env")) process.loadEnvFile(".env");
register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
