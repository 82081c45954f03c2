// Median in-process time to import (parse) all five seed documents, as text, as .docx and as .pdf
// (test/fixtures/import/seed-NNN.*), and to write them to a store (with the statements it takes).
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { PGlite } from "@electric-sql/pglite";
import { parsePlanFile } from "../src/importer/file.ts";
import { parsePlanDocument } from "../src/importer/index.ts";
import { migrate, openDatabase } from "../src/store/index.ts";
import type { PgliteDriver } from "../src/store/database.ts";
import { savePlan } from "../src/store/plan-writer.ts";
import { syntheticPlan } from "./fixtures.ts";
import { median, round, type BenchSection } from "./lib.ts";

export async function runImportBench(iterations = 20): Promise<BenchSection> {
  const dir = path.resolve(import.meta.dirname, "../seeds");
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }));
  for (const s of seeds) parsePlanDocument(s.bytes, { sourceName: s.name });
  const totals: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    for (const s of seeds) parsePlanDocument(s.bytes, { sourceName: s.name });
    totals.push(performance.now() - start);
  }
  const formats = [
    await fileFormatBench("docx", seeds.map((s) => s.name), iterations),
    await fileFormatBench("pdf", seeds.map((s) => s.name), Math.max(3, Math.floor(iterations / 4))),
  ];
  const counter = statementCounter();
  const db = await openDatabase({ kind: "memory", wrapDriver: counter.wrap });
  const timed = async (fn: () => Promise<unknown>) => {
    const [t0, n0] = [performance.now(), counter.count];
    await fn();
    return { ms: performance.now() - t0, statements: counter.count - n0 };
  };
  const rows: BenchSection["rows"] = [];
  try {
    await migrate(db.sql);
    const parsed = seeds.map((s) => parsePlanDocument(s.bytes, { sourceName: s.name }).plans);
    const plans = parsed.reduce((n, p) => n + p.length, 0);
    const write = () =>
      timed(async () => {
        for (const [i, list] of parsed.entries()) for (const [j, plan] of list.entries()) await savePlan(db.prisma, plan, { name: seeds[i]!.name, hash: `${i}#${j}` });
      });
    const first = await write();
    const again = await write();
    // A plan of the size a province's plan may reach, and a revision of it.
    const large = syntheticPlan("bench-large", 1000, 100);
    const revised = { ...large, tasks: [...large.tasks.slice(0, 999), { ...large.tasks[0]!, number: "1001" }] };
    revised.tasks[499] = { ...revised.tasks[499]!, text: "改写后的正文。" };
    const big = await timed(() => savePlan(db.prisma, large, { name: "large", hash: "l1" }));
    const bigRevision = await timed(() => savePlan(db.prisma, revised, { name: "large", hash: "l2" }));
    const note = (r: { statements: number }, of: string) => `${r.statements} statements for ${of} (BEGIN/COMMIT not counted)`;
    rows.push(
      { metric: "write all plans to an empty PGlite store", value: round(first.ms, 0), unit: "ms", note: note(first, `${plans} plans`) },
      { metric: "re-import unchanged (no writes)", value: round(again.ms, 0), unit: "ms", note: note(again, `${plans} plans`) },
      { metric: "write a plan of 1,000 tasks and 100 targets", value: round(big.ms, 0), unit: "ms", note: note(big, "it") },
      { metric: "its revision: a task changed, one removed, one added", value: round(bigRevision.ms, 0), unit: "ms", note: note(bigRevision, "it") },
    );
  } finally {
    await db.close();
  }
  return {
    name: `import of the ${seeds.length} seed documents`,
    rows: [
      { metric: "parse all seeds (median)", value: round(median(totals), 1), unit: "ms", note: `${iterations} runs after a warm-up` },
      ...formats,
      ...rows,
    ],
  };
}

/** Counts the statements sent to PGlite (inside transactions too). */
function statementCounter() {
  const counter = { count: 0, wrap: (db: PGlite) => counted(db) as PgliteDriver };
  const counted = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, key) {
        const value = Reflect.get(t, key, t) as unknown;
        if (typeof value !== "function") return value;
        if (key === "query" || key === "exec") return (...args: unknown[]) => (counter.count++, value.apply(t, args));
        if (key === "transaction") return (fn: (tx: object) => unknown) => value.call(t, (tx: object) => fn(counted(tx)));
        return value.bind(t);
      },
    });
  return counter;
}

/** Parse only (decode + pipeline) of every seed saved as `format`, sequentially, median of `runs`. */
async function fileFormatBench(format: "docx" | "pdf", names: string[], runs: number): Promise<BenchSection["rows"][number]> {
  const dir = path.resolve(import.meta.dirname, "../test/fixtures/import");
  const files = names.map((n) => `seed-${n.slice(0, 3)}.${format}`).map((name) => ({ name, bytes: readFileSync(path.join(dir, name)) }));
  for (const f of files) await parsePlanFile(f.bytes, { sourceName: f.name });
  const totals: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    for (const f of files) await parsePlanFile(f.bytes, { sourceName: f.name });
    totals.push(performance.now() - start);
  }
  const kb = Math.round(files.reduce((s, f) => s + f.bytes.length, 0) / 1024);
  return { metric: `parse all seeds as .${format} (median)`, value: round(median(totals), 1), unit: "ms", note: `${runs} runs after a warm-up; ${files.length} files, ${kb} KB` };
}
