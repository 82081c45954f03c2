// Median in-process time to import (parse) all five seed documents, as text, as .docx and as .pdf
// (test/fixtures/import/seed-NNN.*), and to write them to a store.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parsePlanFile } from "../src/importer/file.ts";
import { parsePlanDocument } from "../src/importer/index.ts";
import { migrate, openDatabase } from "../src/store/index.ts";
import { savePlan } from "../src/store/plan-writer.ts";
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
  const db = await openDatabase({ kind: "memory" });
  let writeMs: number;
  let rewriteMs: number;
  try {
    await migrate(db.sql);
    const parsed = seeds.map((s) => parsePlanDocument(s.bytes, { sourceName: s.name }).plans);
    const write = async () => {
      const t0 = performance.now();
      for (const [i, plans] of parsed.entries()) for (const [j, plan] of plans.entries()) await savePlan(db.prisma, plan, { name: seeds[i]!.name, hash: `${i}#${j}` });
      return performance.now() - t0;
    };
    writeMs = await write();
    rewriteMs = await write();
  } finally {
    await db.close();
  }
  return {
    name: `import of the ${seeds.length} seed documents`,
    rows: [
      { metric: "parse all seeds (median)", value: round(median(totals), 1), unit: "ms", note: `${iterations} runs after a warm-up` },
      ...formats,
      { metric: "write all plans to an empty PGlite store", value: round(writeMs, 0), unit: "ms" },
      { metric: "re-import unchanged (no writes)", value: round(rewriteMs, 0), unit: "ms" },
    ],
  };
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
