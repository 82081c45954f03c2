import { spawn } from "node:child_process";
import path from "node:path";
import { expect } from "vitest";
import type { Store } from "../../src/core/store.ts";
import { createStore, migrate, openDatabase, type Database } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import { ROOT } from "./cli.ts";
import { samplePlan } from "./fixtures.ts";

/** A running `duban start`: `stop()` sends SIGTERM and resolves with the exit code and all it wrote (stdout and stderr). */
export interface StartedBot {
  stop(): Promise<{ code: number | null; output: string }>;
}

/**
 * `duban start` as an operator runs it, on the embedded store in `dataDir`, without the seed and
 * with no platform but the one `env` configures (LOG_LEVEL warn unless `env` says otherwise).
 * Resolves once `ready()` does (the fake platform sees the bot connected); when it rejects, the
 * process is stopped and the error carries its output.
 */
export async function startDuban(dataDir: string, env: Record<string, string>, ready: () => Promise<unknown>): Promise<StartedBot> {
  const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), "start"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "", DUBAN_DATA_DIR: dataDir, DUBAN_SEED: "off", LOG_LEVEL: "warn", SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", DINGTALK_CLIENT_ID: "", FEISHU_APP_ID: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const bot: StartedBot = { stop: async () => (child.kill("SIGTERM"), { code: await exited, output }) };
  try {
    await ready();
  } catch (err) {
    await bot.stop();
    throw new Error(`duban start did not connect: ${(err as Error).message}\n${output.slice(-3000)}`, { cause: err });
  }
  return bot;
}

/** Stops the bot and expects a clean exit (code 0; its output is the failure message). Returns what it wrote. */
export async function stopCleanly(bot: StartedBot): Promise<string> {
  const { code, output } = await bot.stop();
  expect(code, output.slice(-3000)).toBe(0);
  return output;
}

/** What `/history 1` shows once `#1 30% 初稿已完成` was edited to 45% and then deleted: both values, each marked. */
export const EDITED_THEN_DELETED_HISTORY = ["（消息已编辑）", "（消息已删除）", "进行中 30%", "进行中 45%"];

/**
 * Makes `dir` a migrated data dir holding the sample plan (tasks 1 and 7); `setup` binds channels
 * and the like. Returns the plan's id.
 */
export async function sampleDataDir(dir: string, setup: (s: { db: Database; store: Store; planId: number }) => Promise<unknown>): Promise<number> {
  const db = await openDatabase({ kind: "pglite", dataDir: dir });
  try {
    await migrate(db.sql);
    const { planId } = await savePlan(db.prisma, samplePlan(), { name: "sample", hash: "s" });
    await setup({ db, store: createStore(db), planId });
    return planId;
  } finally {
    await db.close();
  }
}

/** Makes a person a member of 市市场监管局, the unit leading task 7 of the sample plan. */
export async function joinTask7Unit(store: Store, planId: number, platform: string, userId: string, displayName: string): Promise<void> {
  const [unit] = await store.findUnits(planId, "市市场监管局");
  await store.addUnitMembers(unit!.id, [{ platform, platformUserId: userId, displayName }]);
}

/** An hourly digest for a channel, active since two hours ago: one is due as soon as the bot starts. */
export async function dueHourlyDigest(db: Database, platform: string, channelId: string, planId: number): Promise<void> {
  await createScheduleStore(db).saveSchedule(
    { platform, channelId, planId, kind: "digest", cron: "0 * * * *", timezone: "Asia/Shanghai", workdaysOnly: false, locale: null, createdBy: "test" },
    new Date(Date.now() - 2 * 3600_000),
  );
}

/** The progress updates that stand in the data dir (not retracted), oldest first, as [task number, status, percent, note]. */
export async function standingUpdates(dir: string): Promise<[string | undefined, string | null, number | null, string | null][]> {
  const db = await openDatabase({ kind: "pglite", dataDir: dir });
  try {
    const rows = await db.prisma.progressUpdate.findMany({ where: { kind: "progress", retractedBy: null }, include: { task: true }, orderBy: { id: "asc" } });
    return rows.map((u) => [u.task?.number, u.status, u.percent, u.note]);
  } finally {
    await db.close();
  }
}
