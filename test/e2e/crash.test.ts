import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStore, openDatabase } from "../../src/store/index.ts";
import { ROOT, runCli, tempDataDir } from "../helpers/cli.ts";

/**
 * PGlite's data directory must survive the bot being killed mid-write: every update the bot
 * confirmed is there after a restart, nothing is half-written, and the stale lock is taken over.
 */
describe("killed during a write burst", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("SIGKILL mid-burst, then the store reopens with every confirmed update", async () => {
    const prep = await runCli(["console", "--as", "wang", "--plan", "深圳"], { input: "/plan\n", env: { DUBAN_DATA_DIR: dir } });
    expect(prep.code, prep.stderr).toBe(0);

    const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), "console", "--as", "wang"], {
      cwd: ROOT,
      env: { ...process.env, DUBAN_DATA_DIR: dir, LOG_LEVEL: "silent", DATABASE_URL: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    const confirmed = () => (out.match(/已记录：任务/g) ?? []).length;
    child.stdout.on("data", (d) => (out += d));
    // Far more lines than the kill lets through (it comes after 20 confirmations): however slowly
    // this test process is scheduled on a busy machine, the bot is still writing when it is killed.
    const BURST = 2000;
    const lines = Array.from({ length: BURST }, (_, i) => `#${(i % 26) + 1} ${(i % 9) * 10 + 10}% 压测${i}\n`).join("");
    child.stdin.write(lines);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (confirmed() >= 20) {
          clearInterval(timer);
          resolve();
        }
      }, 20);
      child.on("exit", () => reject(new Error(`exited before the burst: ${out.slice(-500)}`)));
    });
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const seen = confirmed();
    expect(fs.existsSync(path.join(dir, "duban.lock"))).toBe(true);

    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      const rows = await db.prisma.progressUpdate.findMany({ select: { note: true, percent: true } });
      expect(rows.length).toBeGreaterThanOrEqual(seen);
      expect(rows.length).toBeLessThan(BURST);
      for (const r of rows) expect(r.note).toMatch(/^压测\d+$/);
      const store = createStore(db);
      expect((await store.listPlans()).length).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
    const after = await runCli(["console", "--as", "wang"], { input: "/task 1\n", env: { DUBAN_DATA_DIR: dir } });
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain("任务 1");
  });
});
