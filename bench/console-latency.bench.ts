import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { commands } from "../commands/index.ts";
import { systemClock } from "../src/core/clock.ts";
import { defineCommand, type Services } from "../src/core/command.ts";
import { createConversation } from "../src/core/conversation.ts";
import { createDispatcher, type Dispatcher } from "../src/core/dispatcher.ts";
import { reply } from "../src/core/reply.ts";
import { parsePlanDocument } from "../src/importer/index.ts";
import { createStore, migrate, openDatabase, type Database } from "../src/store/index.ts";
import { savePlan } from "../src/store/plan-writer.ts";
import { createScheduleStore } from "../src/store/schedules.ts";
import { percentile, round, type BenchSection } from "./lib.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A command that does nothing: the framework floor (normalise, look up, context, reply). */
export const noop = defineCommand({
  name: "noop",
  aliases: ["空操作"],
  summary: "cmd.help.summary", permission: { right: "anyone" },
  usage: "cmd.help.usage",
  args: z.object({ text: z.string() }),
  run: async () => reply([{ type: "text", text: "ok" }]),
  hidden: true,
});

/** A warm store with the Shenzhen seed bound to channel "bench" (task 7 reported on), and a dispatcher over it. */
export async function warmCore(): Promise<{ db: Database; dispatcher: Dispatcher; services: Services }> {
  const db = await openDatabase({ kind: "memory" });
  await migrate(db.sql);
  const file = fs.readdirSync(path.resolve(import.meta.dirname, "../seeds")).sort()[1]!;
  const bytes = fs.readFileSync(path.resolve(import.meta.dirname, "../seeds", file));
  const plan = parsePlanDocument(bytes, { sourceName: file }).plans[0]!;
  const { planId } = await savePlan(db.prisma, plan, { name: file, hash: "bench" });
  const store = createStore(db);
  await store.updateChannel("console", "bench", { planId });
  // A realistic card: task 7 has progress history (the card then reads its latest update too).
  const task7 = (await store.getTask(planId, "7"))!;
  const member = { platform: "console", platformUserId: "wang", displayName: "王" };
  await store.recordUpdate({ planId, taskId: task7.id, member, status: "in_progress", percent: 30, sourcePlatform: "console", sourceMessageId: "warm-1" });
  await store.recordUpdate({ planId, taskId: task7.id, member, status: "in_progress", percent: 60, note: "已完成验收", sourcePlatform: "console", sourceMessageId: "warm-2" });
  const services: Services = { store, schedules: createScheduleStore(db), clock: systemClock, log: silent, settings: { admins: [], defaultLocale: "zh-CN", timezone: "Asia/Shanghai", staleDays: 14 } };
  const dispatcher = createDispatcher({ commands: [...commands, noop], services, freeText: createConversation() });
  return { db, dispatcher, services };
}

async function timeEach(n: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Pure core cost per command: `/task 7` against the no-op floor, sequentially, in one process. */
export async function runConsoleLatency(n = 300): Promise<BenchSection> {
  const { db, dispatcher } = await warmCore();
  try {
    const msg = (text: string, i: number) => ({ platform: "console" as const, channelId: "bench", userId: "u", userName: "u", text, messageId: `m${i}` });
    await timeEach(30, (i) => dispatcher.handle(msg("/task 7", i)));
    await timeEach(30, (i) => dispatcher.handle(msg("/noop", i)));
    const task = await timeEach(n, (i) => dispatcher.handle(msg("/task 7", i)));
    const floor = await timeEach(n, (i) => dispatcher.handle(msg("/noop", i)));
    const p = (xs: number[], q: number) => round(percentile(xs, q), 3);
    return {
      name: "console path (core only, no platform)",
      rows: [
        { metric: "/task 7 p50", value: p(task, 50), unit: "ms" },
        { metric: "/task 7 p99", value: p(task, 99), unit: "ms" },
        { metric: "no-op floor p50", value: p(floor, 50), unit: "ms", note: "settings served from the read cache" },
        { metric: "no-op floor p99", value: p(floor, 99), unit: "ms" },
      ],
    };
  } finally {
    await db.close();
  }
}
