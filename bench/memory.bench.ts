import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { median, round, withFreshPostgres, type BenchSection } from "./lib.ts";
import { runProcess, type Phase, type ProcessRun } from "./processes.ts";

/** The console's /help answer ends with this line (zh-CN, the default). */
const HELP_DONE = "查看用法";
const RUNS = Number(process.env.BENCH_START_RUNS ?? 3);

const bot = (env: Record<string, string>) =>
  runProcess(["bin/duban.js", "console"], { env: { DATABASE_URL: "", ...env }, input: "/help\n", until: HELP_DONE });

type Row = BenchSection["rows"][number];

function phaseRows(label: string, phases: Phase[]): Row[] {
  return phases.map((p) => ({ metric: `  ${label}: ${p.phase}`, value: p.ms, unit: "ms", note: `rss ${p.rss} MiB, peak so far ${p.peak} MiB` }));
}

/**
 * Start-up time and memory of the real bot process (`duban console`, a piped /help), each
 * against its yardstick in the same run: a fresh data dir with the five seeds, a warm start
 * against a bare PGlite reopen of the same data dir (runs in turn, ratios pair by pair), and a
 * warm start on a PostgreSQL server when TEST_DATABASE_URL is set.
 */
export async function runMemory(): Promise<BenchSection> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "duban-bench-"));
  const rows: Row[] = [];
  try {
    // The template step: once per install (npm install), or at a first start that finds none. It
    // unpacks the shipped empty data dir; initdb only when that does not fit the installed PGlite.
    const template = await runProcess(["bin/pglite-template.js"], { env: { DUBAN_CACHE_DIR: path.join(tmp, "cache") } });
    rows.push({ metric: "template step (unpacks the shipped data dir, its own short-lived process; at install) — goal ≤ 450 MiB", value: Math.round(template.answerMs), unit: "ms", note: `peak ${round(template.peakMiB, 1)} MiB` });
    const initdb = await runProcess(["bin/pglite-template.js", "--initdb"], { env: { DUBAN_CACHE_DIR: path.join(tmp, "cache-initdb") } });
    rows.push({ metric: "  its fallback when the shipped dir does not fit the installed PGlite: initdb", value: Math.round(initdb.answerMs), unit: "ms", note: `peak ${round(initdb.peakMiB, 1)} MiB` });

    const firsts: ProcessRun[] = [];
    for (let i = 0; i < RUNS; i++) firsts.push(await bot({ DUBAN_DATA_DIR: path.join(tmp, `first-${i}`) }));
    rows.push(
      { metric: "first start, five seeds imported: to the first answer (median)", value: Math.round(median(firsts.map((r) => r.answerMs))), unit: "ms" },
      { metric: "first start: bot process peak RSS (median) — goal ≤ 450", value: round(median(firsts.map((r) => r.peakMiB)), 1), unit: "MiB" },
    );
    const firstPhases = firsts[0]!.phases;

    const dir = path.join(tmp, "first-0");
    const warm: ProcessRun[] = [];
    const bare: ProcessRun[] = [];
    const bareEngine: ProcessRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      warm.push(await bot({ DUBAN_DATA_DIR: dir }));
      bare.push(await runProcess(["bench/bare-reopen.mjs", path.join(dir, "pglite")], { until: "ok" }));
      bareEngine.push(await runProcess(["bench/bare-reopen.mjs", path.join(dir, "pglite"), "--bot-engine"], { until: "ok" }));
    }
    const ratio = (base: ProcessRun[], f: (r: ProcessRun) => number) => round(median(warm.map((w, i) => f(w) / f(base[i]!))), 2);
    const med = (runs: ProcessRun[], f: (r: ProcessRun) => number) => median(runs.map(f));
    rows.push(
      { metric: "warm start (embedded): to the first answer (median)", value: Math.round(med(warm, (r) => r.answerMs)), unit: "ms" },
      { metric: "warm start (embedded): peak RSS (median)", value: round(med(warm, (r) => r.peakMiB), 1), unit: "MiB" },
      { metric: "bare PGlite reopen of the same dir + one query, Node defaults (median)", value: Math.round(med(bare, (r) => r.answerMs)), unit: "ms", note: `peak ${round(med(bare, (r) => r.peakMiB), 1)} MiB` },
      { metric: "ratio warm start ÷ bare reopen, time — goal ≤ 1.3", value: ratio(bare, (r) => r.answerMs), unit: "×" },
      { metric: "ratio warm start ÷ bare reopen, peak RSS — goal ≤ 1.15", value: ratio(bare, (r) => r.peakMiB), unit: "×" },
      { metric: "bare reopen with the bot's WebAssembly settings (bin/wasm-engine.js)", value: Math.round(med(bareEngine, (r) => r.answerMs)), unit: "ms", note: `peak ${round(med(bareEngine, (r) => r.peakMiB), 1)} MiB` },
      { metric: "ratio warm start ÷ that reopen, time (the bot's own overhead)", value: ratio(bareEngine, (r) => r.answerMs), unit: "×" },
      { metric: "ratio warm start ÷ that reopen, peak RSS (the bot's own overhead)", value: ratio(bareEngine, (r) => r.peakMiB), unit: "×" },
    );

    if (process.env.TEST_DATABASE_URL) {
      await withFreshPostgres(process.env.TEST_DATABASE_URL, async (url) => {
        await bot({ DATABASE_URL: url }); // migrates and imports the seeds
        const pg: ProcessRun[] = [];
        for (let i = 0; i < RUNS; i++) pg.push(await bot({ DATABASE_URL: url }));
        rows.push(
          { metric: "warm start (PostgreSQL server): to the first answer — goal ≤ 1000", value: Math.round(median(pg.map((r) => r.answerMs))), unit: "ms" },
          { metric: "warm start (PostgreSQL server): peak RSS — goal ≤ 150", value: round(median(pg.map((r) => r.peakMiB)), 1), unit: "MiB" },
        );
        rows.push({ metric: "phases, PostgreSQL warm start (ms since process start)", value: pg.length, unit: "runs" }, ...phaseRows("pg", pg[0]!.phases));
      });
    }
    rows.push({ metric: "phases, first start (ms since process start)", value: firsts.length, unit: "runs" }, ...phaseRows("first", firstPhases));
    rows.push({ metric: "phases, embedded warm start (ms since process start)", value: warm.length, unit: "runs" }, ...phaseRows("warm", warm[0]!.phases));
    return { name: "start-up and memory (bot process, piped /help)", rows };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
