#!/usr/bin/env node
// `npm run bench [names…]`: runs bench/run.ts with the TypeScript loader.
import { register } from "tsx/esm/api";

register();
await import("../bench/run.ts");
