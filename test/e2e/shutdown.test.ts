import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savePlan } from "../../src/store/plan-writer.ts";
import { startProxy, type TcpProxy } from "../fakes/tcp-proxy.ts";
import { ROOT, tempDataDir } from "../helpers/cli.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/**
 * Issue 17 item 4 with the real process: `duban console` on PostgreSQL reached through a proxy
 * that blackholes the connection. Waits are hang guards far above the configured bounds.
 */
const HANG_GUARD_MS = 60_000;
const UNAVAILABLE = "数据存储暂时不可用";

describe.skipIf(!process.env.TEST_DATABASE_URL)("duban on a blackholed PostgreSQL", () => {
  let t: TestDatabase;
  let proxy: TcpProxy;
  let url: string;
  const dir = tempDataDir();
  beforeAll(async () => {
    t = await openTestDatabase("postgres");
    await savePlan(t.db.prisma, samplePlan(), { name: "sample", hash: "s" });
    const target = new URL(t.url!);
    proxy = await startProxy(target.hostname, Number(target.port || 5432));
    target.hostname = "127.0.0.1";
    target.port = String(proxy.port);
    url = target.toString();
  });
  afterAll(async () => {
    await proxy?.close();
    await t?.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function startConsole(env: Record<string, string>) {
    proxy.pass();
    const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), "console", "--plan", "sample-2019-2021", "--as", "alice"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, DUBAN_DATA_DIR: dir, DUBAN_SEED: "off", LOG_LEVEL: "warn", ...env },
      stdio: "pipe",
    }) as ChildProcessWithoutNullStreams;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const out = { stdout: () => stdout, stderr: () => stderr };
    /** Resolves once `cond` holds; fails (with the output) if it does not within the hang guard. */
    const waitFor = async (what: string, cond: () => boolean) => {
      const deadline = Date.now() + HANG_GUARD_MS;
      while (!cond()) {
        if (Date.now() > deadline) throw new Error(`${what}: not seen within ${HANG_GUARD_MS} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const ended = (what: string) =>
      new Promise<number | null>((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`${what}: the process did not end within ${HANG_GUARD_MS} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }, HANG_GUARD_MS);
        void exited.then((code) => (clearTimeout(timer), resolve(code)));
      });
    const send = (line: string) => child.stdin.write(`${line}\n`);
    const count = (text: string) => stdout.split(text).length - 1;
    /** Sends `line` until its reply contains `want` (a try may meet a spurious timeout on a starved machine). */
    const until = async (line: string, want: string) => {
      for (;;) {
        const [wanted, refused] = [count(want), count(UNAVAILABLE)];
        send(line);
        await waitFor(`a reply to ${line}`, () => count(want) > wanted || count(UNAVAILABLE) > refused);
        if (count(want) > wanted) return;
      }
    };
    return { child, send, until, count, waitFor, ended, ...out };
  }

  it("a command and an update get 'unavailable' within the store bounds, and SIGTERM then exits 0 without waiting on the swallowed connections", async () => {
    const bot = startConsole({ DUBAN_DB_CONNECT_TIMEOUT_MS: "2000", DUBAN_DB_QUERY_TIMEOUT_MS: "3000", DUBAN_DB_TRANSACTION_TIMEOUT_MS: "6000", DUBAN_SHUTDOWN_TIMEOUT_MS: "120000" });
    try {
      await bot.until("/task 7", "任务 7");
      proxy.blackhole();
      const refused = bot.count(UNAVAILABLE);
      bot.send("/task 7");
      await bot.waitFor("the unavailable reply to /task 7", () => bot.count(UNAVAILABLE) > refused);
      bot.send("#7 60% 断线中");
      await bot.waitFor("the unavailable reply to the update", () => bot.count(UNAVAILABLE) > refused + 1);
      expect(bot.stderr()).toContain("store unavailable");
      bot.child.kill("SIGTERM");
      // A 120 s shutdown bound: ending within the hang guard means the close did not hang on the
      // connections the blackhole keeps open.
      const code = await bot.ended("SIGTERM after the unavailable replies");
      expect(code, bot.stderr()).toBe(0);
      expect(bot.stderr()).not.toContain("shutdown bound reached");
    } finally {
      bot.child.kill("SIGKILL");
    }
    const notes = (await t.db.prisma.progressUpdate.findMany({ select: { note: true } })).map((r) => r.note ?? "");
    expect(notes.some((n) => n.includes("断线中"))).toBe(false);
  });

  it("with a command stuck on the blackholed store, SIGTERM ends the process within the shutdown bound (exit 3, logged)", async () => {
    // Store bounds longer than the hang guard: only the shutdown bound can end this process in time.
    const long = String(10 * HANG_GUARD_MS);
    const bot = startConsole({ DUBAN_DB_CONNECT_TIMEOUT_MS: long, DUBAN_DB_QUERY_TIMEOUT_MS: long, DUBAN_DB_TRANSACTION_TIMEOUT_MS: long, DUBAN_SHUTDOWN_TIMEOUT_MS: "2000" });
    try {
      await bot.until("/task 7", "任务 7");
      proxy.blackhole();
      const before = proxy.swallowed;
      bot.send("/task 1");
      await bot.waitFor("/task 1 sent into the blackhole", () => proxy.swallowed > before);
      bot.child.kill("SIGTERM");
      const code = await bot.ended("SIGTERM with a command in flight");
      expect(code, bot.stderr()).toBe(3);
      expect(bot.stderr()).toContain("shutdown bound reached");
      expect(bot.stdout()).not.toContain("任务 1");
    } finally {
      bot.child.kill("SIGKILL");
    }
  });
});
