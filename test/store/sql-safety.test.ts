import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/cli.ts";

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : sources(p);
    return p.endsWith(".ts") ? [p] : [];
  });
}

describe("no SQL built from strings", () => {
  it("the code uses only Prisma queries and tagged $queryRaw/$executeRaw templates (parameters bound)", () => {
    const offenders = [...sources(path.join(ROOT, "src")), ...sources(path.join(ROOT, "commands"))].flatMap((file) => {
      const text = fs.readFileSync(file, "utf8");
      return /\$(?:query|execute)RawUnsafe|Prisma\.raw\(/.test(text) ? [path.relative(ROOT, file)] : [];
    });
    expect(offenders).toEqual([]);
  });

  it("raw SQL through the migrator's runner never interpolates values", () => {
    for (const file of sources(path.join(ROOT, "src/store"))) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/\.(?:exec|query)(?:<[^>]*>)?\(\s*`([^`]*)`/g)) expect(m[1], file).not.toContain("${");
    }
  });
});
