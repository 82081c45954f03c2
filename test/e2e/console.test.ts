import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../helpers/cli.ts";

describe("console adapter end to end (piped stdin into bin/duban.js)", () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = tempDataDir();
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it("answers each piped line in order and exits 0 at end of input", async () => {
    const r = await runCli(["console"], {
      input: "/help\n/nosuch\n/task 7\n",
      env: { DUBAN_DATA_DIR: dataDir(), DUBAN_SEED: "off" },
    });
    expect(r.code, r.stderr).toBe(0);
    const help = r.stdout.indexOf("/help (帮助)");
    const unknown = r.stdout.indexOf("没有“nosuch”这个命令");
    const noPlan = r.stdout.indexOf("本频道还没有选定计划");
    expect(help).toBeGreaterThanOrEqual(0);
    expect(unknown).toBeGreaterThan(help);
    expect(noPlan).toBeGreaterThan(unknown);
    expect(r.stdout).not.toMatch(/at .*\.ts:\d+/);
  });

  it("npm start's entry (duban start) opens the console when no platform tokens are set", async () => {
    const dir = dataDir();
    const r = await runCli(["start"], { input: "/plans\n", env: { DUBAN_DATA_DIR: dir, DUBAN_SEED: "off", SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "" } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("还没有导入任何计划");
    expect(fs.existsSync(`${dir}/pglite`)).toBe(true);
    expect(fs.existsSync(`${dir}/duban.lock`)).toBe(false);
  });

  it("--lang en answers in English", async () => {
    const r = await runCli(["console", "--lang", "en"], { input: "/plans\n", env: { DUBAN_DATA_DIR: dataDir(), DUBAN_SEED: "off" } });
    expect(r.stdout).toContain("No plans imported yet");
  });

  it("a malformed DATABASE_URL is named in one line and the process exits non-zero", async () => {
    const r = await runCli(["start"], { env: { DATABASE_URL: "mysql://nope", DUBAN_SEED: "off" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^duban: configuration error: DATABASE_URL: must be a postgresql:\/\/ URL/);
  });

  it("refuses to open a data directory another live process holds", async () => {
    const dir = dataDir();
    fs.writeFileSync(`${dir}/duban.lock`, String(process.pid));
    const r = await runCli(["migrate"], { env: { DUBAN_DATA_DIR: dir } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`in use by another Duban process (pid ${process.pid})`);
  });

  it.runIf(process.env.TEST_DATABASE_URL)("runs on a PostgreSQL server when DATABASE_URL is set, migrations applied", async () => {
    const { openTestDatabase } = await import("../helpers/db.ts");
    const t = await openTestDatabase("postgres");
    try {
      await t.db.sql.exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public;`);
      const r = await runCli(["start"], { input: "/plans\n", env: { DATABASE_URL: t.url, DUBAN_SEED: "off" } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain("还没有导入任何计划");
      const rows = await t.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await t.cleanup();
    }
  });
});
