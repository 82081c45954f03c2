import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { round, type BenchSection } from "./lib.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

function status(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of fs.readFileSync(`/proc/${pid}/status`, "utf8").split("\n")) {
    const m = /^(VmHWM|VmRSS):\s+(\d+) kB/.exec(line);
    if (m) out[m[1]!] = Number(m[2]) / 1024;
  }
  return out;
}

/**
 * Peak and idle RSS of the real bot process (`duban console`) on a fresh embedded store with
 * the five seed plans imported at start, measured once it has answered a first command.
 */
export async function runMemory(): Promise<BenchSection> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "duban-bench-"));
  const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), "console"], {
    cwd: ROOT,
    env: { ...process.env, DUBAN_DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: "" },
    stdio: ["pipe", "pipe", "inherit"],
  });
  try {
    const t0 = Date.now();
    await new Promise<void>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        if (out.includes("已导入的计划")) resolve();
      });
      child.on("exit", (code) => reject(new Error(`duban exited early (${code})`)));
      child.stdin.write("/plans\n");
    });
    const readyMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 2000));
    const s = status(child.pid!);
    return {
      name: "memory (bot process, five seed plans loaded, idle)",
      rows: [
        { metric: "start + seed import until first reply", value: readyMs, unit: "ms" },
        { metric: "peak RSS (VmHWM)", value: round(s.VmHWM ?? NaN, 1), unit: "MiB" },
        { metric: "idle RSS", value: round(s.VmRSS ?? NaN, 1), unit: "MiB" },
      ],
    };
  } finally {
    child.stdin.end();
    await new Promise((r) => child.once("exit", r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
