// `npm run bench -- test-suite` (only when named: it runs the test suite 2N+1 times, about half an
// hour on two cores). Issue 16's goal "npm test at least twice as fast as when the issue was filed,
// same tests": the test files of the filing commit that still exist run at that commit (a worktree
// of its own with its own `npm ci`) and at this checkout, interleaved, each with its own vitest
// and config; then this checkout's whole suite once for context.
//   DUBAN_BENCH_SUITE_BASE  the commit to compare against (default: main before issue 16's first commit)
//   DUBAN_BENCH_SUITE_RUNS  runs of each side (default 3)
//   DUBAN_BENCH_SUITE_FULL  0 skips the whole current suite
//   DUBAN_BENCH_SUITE_FILES a substring: only the common files whose path contains it (trying the bench)
//   DUBAN_BENCH_SUITE_EVERY k: every k-th common file in path order, from DUBAN_BENCH_SUITE_FROM (default 0):
//                           a sample when the machine is too busy for the whole comparison
// Details of every run (per-file durations too) go to bench/results/test-suite.json.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { round, type BenchSection } from "./lib.ts";
import { ROOT } from "./processes.ts";

/** main just before 183a8c2, the first commit of the session that worked on issue 16. */
const FILING_COMMIT = "4f5ea4f";
/** Hang guards for both sides (the filing commit's 30 s failed tests on a loaded machine). */
const GUARDS = ["--testTimeout=180000", "--hookTimeout=300000"];
const TIME = "/usr/bin/time";

interface Run {
  side: "filing" | "now" | "now, whole suite";
  wallS: number;
  cpuS: number;
  /** Largest single process (ru_maxrss of the tree), MiB. */
  maxProcMiB: number;
  /** Sum of the tree's resident sets, sampled every 250 ms, MiB. */
  peakTreeMiB: number;
  load: [number, number];
  files: number;
  tests: number;
  passed: number;
  failed: number;
  exitCode: number | null;
  slowest: { file: string; s: number }[];
}

const git = (args: string[], cwd = ROOT) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

/** A worktree of `commit` with its own node_modules, made once and kept in the temp dir. */
function prepareCheckout(commit: string): string {
  const sha = git(["rev-parse", `${commit}^{commit}`]);
  const dir = path.join(os.tmpdir(), `duban-test-suite-${sha.slice(0, 7)}`);
  const ready = path.join(dir, ".duban-bench-ready");
  if (fs.existsSync(ready)) return dir;
  process.stderr.write(`test-suite: checking out ${sha.slice(0, 7)} into ${dir} and running npm ci…\n`);
  git(["worktree", "prune"]);
  if (fs.existsSync(dir)) git(["worktree", "remove", "--force", dir]);
  git(["worktree", "add", "--detach", dir, sha]);
  execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", process.stderr, process.stderr] });
  fs.writeFileSync(ready, `${sha}\n`);
  return dir;
}

/** The filing commit's test files that this checkout still has (the same tests, grown since). */
function commonTestFiles(base: string): string[] {
  const only = process.env.DUBAN_BENCH_SUITE_FILES;
  const every = Number(process.env.DUBAN_BENCH_SUITE_EVERY ?? 1);
  const from = Number(process.env.DUBAN_BENCH_SUITE_FROM ?? 0);
  return git(["ls-tree", "-r", "--name-only", base, "test"])
    .split("\n")
    .filter((f) => f.endsWith(".test.ts") && fs.existsSync(path.join(ROOT, f)))
    .filter((f) => !only || f.includes(only))
    .filter((_, i) => i >= from && (i - from) % every === 0);
}

/** Resident set of `root` and all its descendants, MiB (Linux /proc). */
function treeRssMiB(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(fields[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      rss.set(Number(entry), Number(fields[21]));
    } catch {
      // the process ended meanwhile
    }
  }
  let pages = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    pages += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (pages * 4096) / 2 ** 20;
}

interface VitestJson {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; startTime: number; endTime: number }[];
}

/** One `vitest run` of `files` (all when empty) in `cwd`, under /usr/bin/time for the tree's CPU. */
function runVitest(side: Run["side"], cwd: string, files: string[], tmp: string): Promise<Run> {
  const out = path.join(tmp, `vitest-${Date.now()}.json`);
  const timeFile = path.join(tmp, `time-${Date.now()}.txt`);
  const env = { ...process.env };
  for (const name of ["TEST_DATABASE_URL", "DUBAN_PGLITE_IMAGE", "DUBAN_PGLITE_TEMPLATE", "VITEST", "NODE_ENV"]) delete env[name];
  const args = ["-f", "%e %U %S %M", "-o", timeFile, process.execPath, "node_modules/vitest/vitest.mjs", "run", "--reporter=json", `--outputFile=${out}`, ...GUARDS, ...files];
  const load0 = os.loadavg()[0]!;
  return new Promise((resolve, reject) => {
    const child = spawn(TIME, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err = (err + d).slice(-4000)));
    let peakTree = 0;
    const poll = setInterval(() => (peakTree = Math.max(peakTree, treeRssMiB(child.pid!))), 250);
    child.on("error", reject);
    child.on("exit", (exitCode) => {
      clearInterval(poll);
      try {
        const [wall, user, sys, maxKiB] = fs.readFileSync(timeFile, "utf8").trim().split("\n").at(-1)!.split(" ").map(Number);
        const report = JSON.parse(fs.readFileSync(out, "utf8")) as VitestJson;
        const slowest = report.testResults
          .map((r) => ({ file: path.relative(cwd, r.name), s: round((r.endTime - r.startTime) / 1000, 1) }))
          .sort((a, b) => b.s - a.s);
        resolve({
          side,
          wallS: wall!,
          cpuS: round(user! + sys!, 1),
          maxProcMiB: round(maxKiB! / 1024, 0),
          peakTreeMiB: round(peakTree, 0),
          load: [round(load0, 1), round(os.loadavg()[0]!, 1)],
          files: report.testResults.length,
          tests: report.numTotalTests,
          passed: report.numPassedTests,
          failed: report.numFailedTests,
          exitCode,
          slowest,
        });
      } catch (e) {
        reject(new Error(`${side}: vitest in ${cwd} left no report (exit ${exitCode}): ${(e as Error).message}\n${err}`));
      }
    });
  });
}

type Row = BenchSection["rows"][number];

/** The middle value, or the mean of the two middle ones (few runs: nearest rank would pick a side). */
function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return round(s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2, 2);
}

function sideRows(label: string, runs: Run[]): Row[] {
  const r0 = runs[0]!;
  const fails = runs.map((r) => r.failed).join("/");
  return [
    { metric: `${label}: wall (median of ${runs.length})`, value: median(runs.map((r) => r.wallS)), unit: "s", note: runs.map((r) => r.wallS).join(", ") },
    { metric: `${label}: CPU of the process tree (median)`, value: median(runs.map((r) => r.cpuS)), unit: "s", note: runs.map((r) => r.cpuS).join(", ") },
    { metric: `${label}: peak RSS, whole tree (median)`, value: median(runs.map((r) => r.peakTreeMiB)), unit: "MiB", note: `largest process ${median(runs.map((r) => r.maxProcMiB))} MiB` },
    { metric: `${label}: tests`, value: r0.tests, unit: "", note: `${r0.files} files; failed per run ${fails}` },
  ];
}

/** Ratios now ÷ filing of the medians, and the median of the pairwise ratios (run i with run i). */
function ratioRows(base: Run[], now: Run[]): Row[] {
  const pairs = (key: "wallS" | "cpuS" | "peakTreeMiB") => round(median(base.map((b, i) => now[i]![key] / b[key])), 2);
  const of = (key: "wallS" | "cpuS" | "peakTreeMiB") => round(median(now.map((r) => r[key])) / median(base.map((r) => r[key])), 2);
  return [
    { metric: "now ÷ filing: wall — goal ≤ 0.5", value: of("wallS"), unit: "x", note: `pairwise median ${pairs("wallS")}` },
    { metric: "now ÷ filing: CPU — goal ≤ 0.5", value: of("cpuS"), unit: "x", note: `pairwise median ${pairs("cpuS")}` },
    { metric: "now ÷ filing: peak RSS of the tree", value: of("peakTreeMiB"), unit: "x", note: `pairwise median ${pairs("peakTreeMiB")}` },
  ];
}

export async function runTestSuite(): Promise<BenchSection> {
  if (!fs.existsSync(TIME)) throw new Error(`${TIME} (GNU time) is needed for the process tree's CPU time`);
  const baseRef = process.env.DUBAN_BENCH_SUITE_BASE ?? FILING_COMMIT;
  const runsEach = Number(process.env.DUBAN_BENCH_SUITE_RUNS ?? 3);
  const baseDir = prepareCheckout(baseRef);
  const files = commonTestFiles(baseRef);
  if (!files.length) throw new Error(`no test file of ${baseRef} is left in this checkout`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "duban-bench-suite-"));
  const base: Run[] = [];
  const now: Run[] = [];
  try {
    for (let i = 0; i < runsEach; i++) {
      // Alternating order (filing, now, now, filing, …) so a drifting machine load favours neither.
      const order = i % 2 === 0 ? (["filing", "now"] as const) : (["now", "filing"] as const);
      for (const side of order) {
        process.stderr.write(`test-suite: run ${i + 1}/${runsEach}, ${side} (${files.length} files), load ${os.loadavg()[0]!.toFixed(1)}…\n`);
        const run = await runVitest(side, side === "filing" ? baseDir : ROOT, files, tmp);
        (side === "filing" ? base : now).push(run);
        process.stderr.write(`  ${run.wallS} s wall, ${run.cpuS} s CPU, ${run.peakTreeMiB} MiB, ${run.failed} failed\n`);
      }
    }
    const whole = process.env.DUBAN_BENCH_SUITE_FULL === "0" ? undefined : await runVitest("now, whole suite", ROOT, [], tmp);
    const loads = [...base, ...now, ...(whole ? [whole] : [])].flatMap((r) => r.load);
    const rows: Row[] = [
      {
        metric: "same tests: files of the filing commit still present",
        value: files.length,
        unit: "files",
        note: `filing commit ${git(["rev-parse", "--short", baseRef])}${process.env.DUBAN_BENCH_SUITE_EVERY ? `; sample: every ${process.env.DUBAN_BENCH_SUITE_EVERY}th from #${process.env.DUBAN_BENCH_SUITE_FROM ?? 0}` : ""}`,
      },
      ...sideRows("filing commit", base),
      ...sideRows("now", now),
      ...ratioRows(base, now),
      { metric: "load average (1 min) during the runs", value: round(median(loads), 1), unit: "", note: `range ${Math.min(...loads)}–${Math.max(...loads)}` },
    ];
    if (whole) {
      rows.push(
        { metric: "now, whole suite: wall", value: whole.wallS, unit: "s", note: `${whole.files} files, ${whole.tests} tests, ${whole.failed} failed` },
        { metric: "now, whole suite: CPU of the process tree", value: whole.cpuS, unit: "s", note: `peak RSS ${whole.peakTreeMiB} MiB (tree)` },
      );
    }
    const detail = path.join(ROOT, "bench/results/test-suite.json");
    fs.mkdirSync(path.dirname(detail), { recursive: true });
    fs.writeFileSync(detail, JSON.stringify({ at: new Date().toISOString(), base: baseRef, files, runs: [...base, ...now, ...(whole ? [whole] : [])] }, null, 2));
    return { name: `npm test against the filing commit of issue 16 (same ${files.length} test files, ${runsEach} interleaved runs each)`, rows };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
