// `npm run bench`: every benchmark in one process, a table on stdout, JSON in bench/results/latest.json.
// Ratios are measured within one run (these machines are noisy); absolute numbers are indicative.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runChartBench } from "./chart.bench.ts";
import { runConcurrency } from "./concurrency.bench.ts";
import { runConsoleLatency } from "./console-latency.bench.ts";
import { runDigestBench } from "./digest.bench.ts";
import { runHostileInput } from "./hostile-input.bench.ts";
import { runImportBench } from "./import.bench.ts";
import { withFreshPostgres, type BenchSection } from "./lib.ts";
import { runMemory } from "./memory.bench.ts";
import { runSlackLatency } from "./slack-latency.bench.ts";
import { runTestSuite } from "./test-suite.bench.ts";

const benches: [string, () => Promise<BenchSection>][] = [
  ["slack-latency", () => runSlackLatency()],
  ["console-latency", () => runConsoleLatency()],
  ["import", () => runImportBench()],
  ["hostile-input", () => runHostileInput()],
  ["concurrency-pglite", () => runConcurrency("PGlite", { kind: "memory" })],
  ["digest-pglite", () => runDigestBench("PGlite", { kind: "memory" })],
  ...(process.env.TEST_DATABASE_URL
    ? ([
        ["concurrency-postgres", () => withFreshPostgres(process.env.TEST_DATABASE_URL!, (url) => runConcurrency("PostgreSQL", { kind: "postgres", url }))],
        ["digest-postgres", () => withFreshPostgres(process.env.TEST_DATABASE_URL!, (url) => runDigestBench("PostgreSQL", { kind: "postgres", url }))],
      ] as [string, () => Promise<BenchSection>][])
    : []),
  ["chart", () => runChartBench()],
  ["memory", () => runMemory()],
  ["test-suite", () => runTestSuite()],
];
/** Run only when named (`npm run bench -- test-suite`): about half an hour of test suites. */
const namedOnly = new Set(["test-suite"]);

const only = process.argv.slice(2);
const sections: BenchSection[] = [];
for (const [id, run] of benches) {
  if (only.length ? !only.includes(id) : namedOnly.has(id)) continue;
  process.stderr.write(`running ${id}…\n`);
  try {
    sections.push(await run());
  } catch (err) {
    // One failing benchmark does not lose the others' figures.
    process.stderr.write(`${id} failed: ${(err as Error).stack ?? err}\n`);
    sections.push({ name: `${id}: FAILED`, rows: [{ metric: (err as Error).message.split("\n")[0]!, value: NaN, unit: "" }] });
  }
}

for (const s of sections) {
  console.log(`\n${s.name}`);
  const width = Math.max(...s.rows.map((r) => r.metric.length));
  for (const r of s.rows) console.log(`  ${r.metric.padEnd(width)}  ${String(r.value).padStart(10)} ${r.unit}${r.note ? `  ${r.note}` : ""}`);
}
const out = path.resolve(import.meta.dirname, "results/latest.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, sections }, null, 2));
console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
