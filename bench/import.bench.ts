// Benchmark (not a test): median in-process time to import all five seed documents.
// Run with `npx tsx bench/import.bench.ts [iterations]`.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parsePlanDocument } from "../src/importer/index.ts";

const dir = path.resolve(import.meta.dirname, "../seeds");
const seeds = readdirSync(dir)
  .filter((f) => f.endsWith(".txt"))
  .sort()
  .map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }));
const iterations = Math.max(1, Number(process.argv[2] ?? 20));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

for (const s of seeds) parsePlanDocument(s.bytes, { sourceName: s.name });

const totals: number[] = [];
const perSeed = new Map<string, number[]>(seeds.map((s) => [s.name, []]));
for (let i = 0; i < iterations; i++) {
  const start = performance.now();
  for (const s of seeds) {
    const t0 = performance.now();
    parsePlanDocument(s.bytes, { sourceName: s.name });
    perSeed.get(s.name)!.push(performance.now() - t0);
  }
  totals.push(performance.now() - start);
}

console.log(`import of ${seeds.length} seeds, ${iterations} iterations (after one warm-up run)`);
for (const [name, times] of perSeed) console.log(`  ${name}: median ${median(times).toFixed(1)} ms`);
console.log(`all seeds: median ${median(totals).toFixed(1)} ms`);
