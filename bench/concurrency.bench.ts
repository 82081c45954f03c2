import { performance } from "node:perf_hooks";
import { commands } from "../commands/index.ts";
import { systemClock } from "../src/core/clock.ts";
import { createConversation } from "../src/core/conversation.ts";
import { createDispatcher } from "../src/core/dispatcher.ts";
import { createStore, migrate, openDatabase, type DatabaseOptions } from "../src/store/index.ts";
import { savePlan } from "../src/store/plan-writer.ts";
import { createScheduleStore } from "../src/store/schedules.ts";
import { syntheticPlan } from "./fixtures.ts";
import { round, type BenchSection } from "./lib.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** 200 updates from 50 users at once through the core; then every message delivered twice. */
export async function runConcurrency(label: string, options: DatabaseOptions): Promise<BenchSection> {
  const db = await openDatabase(options);
  try {
    await migrate(db.sql);
    const { planId } = await savePlan(db.prisma, syntheticPlan(`conc-${Date.now()}`, 26, 2), { name: "bench", hash: `conc-${Date.now()}` });
    const store = createStore(db);
    await store.updateChannel("console", "bench", { planId, open: true });
    const dispatcher = createDispatcher({
      commands,
      services: { store, schedules: createScheduleStore(db), clock: systemClock, log: silent, settings: { admins: [], defaultLocale: "zh-CN", timezone: "Asia/Shanghai", staleDays: 14 } },
      freeText: createConversation(),
    });
    const send = (i: number, round: string) =>
      dispatcher.handle({
        platform: "console",
        channelId: "bench",
        userId: `user${i % 50}`,
        userName: `用户${i % 50}`,
        text: `#${(i % 26) + 1} ${(i % 9) * 10 + 10}% 备注${i}`,
        messageId: `${round}-${i}`,
      });
    const count = () => db.prisma.progressUpdate.count({ where: { planId } });
    let t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(Array.from({ length: 200 }, (_, i) => send(i, "once")));
    const onceMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const onceCpuMs = (cpu.user + cpu.system) / 1000;
    const once = await count();
    t0 = performance.now();
    await Promise.all(Array.from({ length: 400 }, (_, i) => send(i % 200, "twice")));
    const twiceMs = performance.now() - t0;
    const twice = (await count()) - once;
    return {
      name: `concurrent updates (${label})`,
      rows: [
        { metric: "200 messages, 50 users: rows stored", value: once, unit: "rows", note: once === 200 ? "ok" : "LOST OR DOUBLED" },
        { metric: "200 messages, 50 users: wall time", value: round(onceMs, 0), unit: "ms" },
        { metric: "updates per second (wall) — goal ≥ 100", value: round((200 / onceMs) * 1000, 1), unit: "/s" },
        ...(options.kind === "postgres"
          ? []
          : [{ metric: "updates per CPU-second of this process (the store runs in it)", value: round((200 / onceCpuMs) * 1000, 1), unit: "/s", note: "what a core of its own would give" }]),
        { metric: "same 200 delivered twice: rows stored", value: twice, unit: "rows", note: twice === 200 ? "ok" : "LOST OR DOUBLED" },
        { metric: "same 200 delivered twice: wall time", value: round(twiceMs, 0), unit: "ms" },
      ],
    };
  } finally {
    await db.close();
  }
}
