import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The package's root directory, found from this file whether it runs from src/ or from a build. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json")) && fs.existsSync(path.join(dir, "prisma/migrations"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`package root not found above ${start}`);
  }
}

export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
