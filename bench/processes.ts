import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");

export interface Phase {
  phase: string;
  ms: number;
  rss: number;
  peak: number;
}

export interface ProcessRun {
  /** Milliseconds from spawn until `until` appeared on stdout (or the exit). */
  answerMs: number;
  /** Largest resident set of the process (VmHWM polled until it exits), MiB. */
  peakMiB: number;
  phases: Phase[];
}

function hwm(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs one process to its end: times the first appearance of `until` on its stdout and polls its
 * peak resident memory. `input` is written to stdin, which closes once `until` appeared.
 */
export function runProcess(args: string[], options: { env?: Record<string, string>; input?: string; until?: string; timeoutMs?: number }): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", DUBAN_PHASES: "1", ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let peak = 0;
    let answerMs: number | undefined;
    const poll = setInterval(() => (peak = Math.max(peak, hwm(child.pid!))), 20);
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (answerMs === undefined && options.until && out.includes(options.until)) {
        answerMs = performance.now() - t0;
        peak = Math.max(peak, hwm(child.pid!));
        child.stdin.end();
      }
    });
    child.stderr.on("data", (d) => (err += d));
    child.stdin.on("error", () => undefined);
    if (options.input !== undefined) child.stdin.write(options.input);
    if (!options.until) child.stdin.end();
    child.on("exit", (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      const exitMs = performance.now() - t0;
      if (code !== 0 || (options.until && answerMs === undefined)) {
        reject(new Error(`${args.join(" ")} exited ${code} without its answer\n${out.slice(-500)}\n${err.slice(-2000)}`));
        return;
      }
      const phases = err
        .split("\n")
        .filter((l) => l.startsWith("duban-phase "))
        .map((l) => JSON.parse(l.slice("duban-phase ".length)) as Phase);
      resolve({ answerMs: answerMs ?? exitMs, peakMiB: Math.max(peak, ...phases.map((p) => p.peak)), phases });
    });
  });
}
