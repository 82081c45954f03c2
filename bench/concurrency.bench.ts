import { performance } from "node:perf_hooks";
import { commands } from "../commands/index.ts";
import { systemClock } from "../src/core/clock.ts";
import { createConversation } from "../src/core/conversation.ts";
import { createDispatcher } from "../src/core/dispatcher.ts";
import { createInbound } from "../src/core/inbound.ts";
import { createStore, migrate, openDatabase, type DatabaseOptions } from "../src/store/index.ts";
import { savePlan } from "../src/store/plan-writer.ts";
import { createScheduleStore } from "../src/store/schedules.ts";
import { syntheticPlan } from "./fixtures.ts";
import { round, type BenchSection } from "./lib.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * 200 updates from 50 users at once through the path a platform's messages take (the durable
 * inbox: stored, dispatched, marked done); 200 more without the inbox for its share; then 200
 * new messages each delivered twice at once under two event ids (the store's dedupe races itself).
 */
export async function runConcurrency(label: string, options: DatabaseOptions): Promise<BenchSection> {
  const db = await openDatabase(options);
  try {
    await migrate(db.sql);
    const { planId } = await savePlan(db.prisma, syntheticPlan(`conc-${Date.now()}`, 26, 2), { name: "bench", hash: `conc-${Date.now()}` });
    const store = createStore(db);
    await store.updateChannel("console", "bench", { planId, open: true });
    const services = { store, schedules: createScheduleStore(db), clock: systemClock, log: silent, settings: { admins: [], defaultLocale: "zh-CN" as const, timezone: "Asia/Shanghai", staleDays: 14 } };
    const dispatcher = createDispatcher({ commands, services, freeText: createConversation() });
    const inbound = createInbound({ dispatcher, services });
    const message = (i: number, round: string) => ({
      platform: "console",
      channelId: "bench",
      userId: `user${i % 50}`,
      userName: `用户${i % 50}`,
      text: `#${(i % 26) + 1} ${(i % 9) * 10 + 10}% 备注${i}`,
      messageId: `${round}-${i}`,
    });
    const viaInbox = (i: number, round: string, event = `${round}-${i}`) => inbound.receive({ eventId: event, message: message(i, round) });
    const count = () => db.prisma.progressUpdate.count({ where: { planId } });
    const timed = async (run: () => Promise<unknown>) => {
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await run();
      const cpu = process.cpuUsage(cpu0);
      return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 };
    };
    const once = await timed(() => Promise.all(Array.from({ length: 200 }, (_, i) => viaInbox(i, "once"))));
    const stored = await count();
    const bare = await timed(() => Promise.all(Array.from({ length: 200 }, (_, i) => dispatcher.handle(message(i, "bare")))));
    const bareStored = (await count()) - stored;
    const twice = await timed(() =>
      Promise.all(Array.from({ length: 400 }, (_, i) => viaInbox(i >> 1, "twice", i % 2 ? `twice-${i >> 1}` : `twice-${i >> 1}-again`))),
    );
    const twiceStored = (await count()) - stored - bareStored;
    const perCpu = (cpuMs: number) =>
      options.kind === "postgres" ? [] : [{ metric: "updates per CPU-second of this process (the store runs in it)", value: round((200 / cpuMs) * 1000, 1), unit: "/s" }];
    return {
      name: `concurrent updates (${label})`,
      rows: [
        { metric: "200 messages, 50 users, through the inbox: rows stored", value: stored, unit: "rows", note: stored === 200 ? "ok" : "LOST OR DOUBLED" },
        { metric: "200 messages, 50 users: wall time", value: round(once.ms, 0), unit: "ms" },
        { metric: "updates per second (wall) — goal ≥ 100", value: round((200 / once.ms) * 1000, 1), unit: "/s" },
        ...perCpu(once.cpuMs).map((r) => ({ ...r, note: "what a core of its own would give" })),
        { metric: "200 more without the inbox (dispatcher only): rows stored", value: bareStored, unit: "rows", note: bareStored === 200 ? "ok" : "LOST OR DOUBLED" },
        ...perCpu(bare.cpuMs).map((r) => ({ ...r, metric: `${r.metric}, without the inbox`, note: "warm process: the inbox's share" })),
        { metric: "200 new messages, each delivered twice at once (two event ids): rows stored", value: twiceStored, unit: "rows", note: twiceStored === 200 ? "ok" : "LOST OR DOUBLED" },
        { metric: "delivered twice: wall time", value: round(twice.ms, 0), unit: "ms" },
      ],
    };
  } finally {
    await db.close();
  }
}
