import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parsePlanDocument } from "../../src/importer/index.ts";
import type { ImportedPlan, ImportedTask, ImportResult } from "../../src/importer/types.ts";

const SEEDS = path.resolve(import.meta.dirname, "../../seeds");
const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/importer");
const cache = new Map<string, ImportResult>();

/** Parses a seed document by its number prefix (`"002"`), once per test file. */
export function seed(prefix: string): ImportResult {
  const file = readdirSync(SEEDS).find((f) => f.startsWith(`${prefix}_`));
  if (!file) throw new Error(`no seed ${prefix}`);
  let result = cache.get(file);
  if (!result) {
    result = parsePlanDocument(readFileSync(path.join(SEEDS, file)), { sourceName: file });
    cache.set(file, result);
  }
  return result;
}

/** Parses a fixture document of test/fixtures/importer. */
export function fixture(name: string): ImportResult {
  return parsePlanDocument(readFileSync(path.join(FIXTURES, name)), { sourceName: name });
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

/** `"市知识产权局:lead"` for each unit of a task, in order. */
export function unitsOf(task: ImportedTask): string[] {
  return task.units.map((u) => `${u.name}:${u.role}`);
}

/** Builds `name:role` strings: `roles("lead", "A", "B")`. */
export function roles(role: string, ...names: string[]): string[] {
  return names.map((n) => `${n}:${role}`);
}

export function task(plan: ImportedPlan, number: string): ImportedTask {
  const found = plan.tasks.find((t) => t.number === number);
  if (!found) throw new Error(`no task ${number} in ${plan.slug}`);
  return found;
}

export function warningsAbout(plan: ImportedPlan, pattern: RegExp): number[] {
  return plan.warnings.filter((w) => pattern.test(w.message)).map((w) => w.line);
}
