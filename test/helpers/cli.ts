import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * How long a CLI run may take before it counts as a hang: a start on a machine whose two cores are
 * busy took 20 s and more (PGlite, migrations), so a minute was too tight. Below vitest's 180 s so
 * the failure shows the process's output.
 */
const RUN_CLI_GUARD_MS = 150_000;

/** Runs the real CLI (`bin/duban.js`) as a user would, feeding stdin and collecting output. */
export function runCli(args: string[], options: { input?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, LOG_LEVEL: undefined, DATABASE_URL: undefined, ...options.env })) {
      if (v !== undefined) env[k] = v;
    }
    const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), ...args], { cwd: ROOT, env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`duban ${args.join(" ")} timed out\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, options.timeoutMs ?? RUN_CLI_GUARD_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "duban-test-"));
}
