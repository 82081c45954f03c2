// Digest build time on a large plan: 1,000 tasks, 100 targets, 100,000 updates (bulk-inserted
// with SQL). Standalone: `npx tsx bench/digest.bench.ts` (PGlite in memory; PostgreSQL too when
// TEST_DATABASE_URL is set). `runDigestBench` returns a section for bench/run.ts.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { manualClock } from "../src/core/clock.ts";
import { buildDigest } from "../src/digest/brief.ts";
import { loadDigestData } from "../src/digest/data.ts";
import { buildReminder, planReminders } from "../src/digest/reminders.ts";
import { createScheduler } from "../src/scheduler/scheduler.ts";
import { createStore, migrate, openDatabase, type DatabaseOptions } from "../src/store/index.ts";
import { savePlan } from "../src/store/plan-writer.ts";
import { createScheduleStore } from "../src/store/schedules.ts";
import { syntheticPlan } from "./fixtures.ts";
import { median, round, type BenchSection } from "./lib.ts";

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const NOW = new Date("2026-11-20T02:00:00Z");
const WINDOW = { from: new Date("2026-11-13T01:00:00Z"), to: NOW };
const SETTINGS = { defaultLocale: "zh-CN" as const, staleDays: 14 };

async function time<T>(fn: () => Promise<T> | T, runs = 5): Promise<{ ms: number; value: T }> {
  const samples: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    value = await fn();
    samples.push(performance.now() - t0);
  }
  return { ms: round(median(samples), 1), value };
}

export async function runDigestBench(label: string, options: DatabaseOptions): Promise<BenchSection> {
  // Filling 100,000 rows is one long statement: the serving bounds (10 s a statement) are for chat
  // traffic, not for this fixture load on a busy machine.
  const db = await openDatabase({ ...options, timeouts: { queryMs: 900_000, transactionMs: 900_000 } });
  try {
    await migrate(db.sql);
    const slug = `digest-bench-${Date.now()}`;
    const { planId } = await savePlan(db.prisma, syntheticPlan(slug, 1000, 100), { name: "bench", hash: slug });
    const t0 = performance.now();
    // Two members per unit; 99,000 progress rows over the past year (task status and target
    // values, newest within the last week), then 1,000 retractions of random ones.
    await db.sql.query(
      `INSERT INTO "Member" (platform, "platformUserId", "displayName", "updatedAt")
       SELECT 'console', 'bench-' || u.id || '-' || k, '成员' || u.id || '-' || k, now() FROM "Unit" u, generate_series(1, 2) k WHERE u."planId" = $1`,
      [planId],
    );
    await db.sql.query(
      `INSERT INTO "UnitMember" ("unitId", "memberId")
       SELECT u.id, m.id FROM "Unit" u JOIN "Member" m ON m."platformUserId" LIKE 'bench-' || u.id || '-%' WHERE u."planId" = $1`,
      [planId],
    );
    await db.sql.query(
      `WITH t AS (SELECT array_agg(id ORDER BY position) ids FROM "Task" WHERE "planId" = $1),
            g AS (SELECT array_agg(id ORDER BY position) ids FROM "Target" WHERE "planId" = $1),
            m AS (SELECT array_agg(id) ids FROM "Member" WHERE "platformUserId" LIKE 'bench-%')
       INSERT INTO "ProgressUpdate" ("planId", "taskId", "targetId", "memberId", kind, status, percent, value, note, "sourcePlatform", "createdAt")
       SELECT $1,
              CASE WHEN s % 10 = 0 THEN NULL ELSE t.ids[1 + (s * 7919) % 1000] END,
              CASE WHEN s % 10 = 0 THEN g.ids[1 + (s / 10) % 100] ELSE NULL END,
              m.ids[1 + s % array_length(m.ids, 1)], 'progress',
              CASE WHEN s % 10 = 0 THEN NULL WHEN s % 97 = 0 THEN 'done' WHEN s % 13 = 0 THEN 'blocked' ELSE 'in_progress' END,
              CASE WHEN s % 10 = 0 THEN NULL ELSE (s % 10) * 10 END,
              CASE WHEN s % 10 = 0 THEN 100 + s % 60 ELSE NULL END,
              '进展说明 ' || s, 'bench', $2::timestamptz - (s * interval '5 minutes')
       FROM generate_series(1, 99000) s, t, g, m`,
      [planId, NOW],
    );
    await db.sql.query(
      `INSERT INTO "ProgressUpdate" ("planId", "taskId", "targetId", "memberId", kind, "retractsId", "sourcePlatform", "createdAt")
       SELECT "planId", "taskId", "targetId", "memberId", 'retraction', id, 'bench', "createdAt" + interval '1 minute'
       FROM "ProgressUpdate" WHERE "planId" = $1 AND id % 99 = 0`,
      [planId],
    );
    const setupMs = performance.now() - t0;
    const [{ n }] = (await db.sql.query<{ n: number }>(`SELECT count(*)::int n FROM "ProgressUpdate" WHERE "planId" = $1`, [planId])) as [{ n: number }];

    const store = createStore(db);
    const schedules = createScheduleStore(db);
    const load = await time(() => loadDigestData({ store, schedules }, planId, WINDOW));
    const data = load.value!;
    const build = await time(() => buildDigest(data, { locale: "zh-CN", now: NOW, timezone: "Asia/Shanghai", staleDays: 14, window: WINDOW }), 20);
    const reminders = await time(() =>
      planReminders(data, { now: NOW, staleDays: 14, platform: "console", periodFrom: WINDOW.from }).map((r) =>
        buildReminder(r, { planId: data.plan.id, planTitle: data.plan.title, locale: "zh-CN", now: NOW, staleDays: 14, timezone: "Asia/Shanghai" }),
      ),
    );
    // A whole scheduled run: claim, load, build, post (to a no-op poster), mark sent.
    await schedules.saveSchedule(
      { platform: "console", channelId: "bench", planId, kind: "digest", cron: "0 9 * * 1", timezone: "Asia/Shanghai", workdaysOnly: true, locale: null, createdBy: null },
      new Date("2026-11-01T00:00:00Z"),
    );
    let bytes = 0;
    const scheduler = createScheduler({
      store,
      schedules,
      clock: manualClock("2026-11-16T01:00:00Z"),
      log: silent,
      settings: SETTINGS,
      poster: { post: async (_target, reply) => ((bytes = JSON.stringify(reply).length), { messageRef: "bench" }) },
    });
    const t1 = performance.now();
    const report = await scheduler.tick();
    const runMs = performance.now() - t1;
    return {
      name: `Digest on ${label}: 1,000 tasks, 100 targets, ${n.toLocaleString("en-US")} updates`,
      rows: [
        { metric: "setup (bulk insert)", value: round(setupMs, 0), unit: "ms" },
        { metric: "load plan state + week", value: load.ms, unit: "ms", note: `${data.updates.length} updates in the week` },
        { metric: "build digest", value: build.ms, unit: "ms", note: "median of 20" },
        { metric: "build reminders", value: reminders.ms, unit: "ms", note: `${reminders.value.length} members` },
        { metric: "scheduled run end to end", value: round(runMs, 0), unit: "ms", note: report.finished[0]?.status ?? "not run" },
        { metric: "digest size (JSON)", value: bytes, unit: "bytes" },
      ],
    };
  } finally {
    await db.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const sections = [await runDigestBench("PGlite", { kind: "memory" })];
  if (process.env.TEST_DATABASE_URL) sections.push(await runDigestBench("PostgreSQL", { kind: "postgres", url: process.env.TEST_DATABASE_URL }));
  for (const s of sections) {
    console.log(`\n${s.name}`);
    const width = Math.max(...s.rows.map((r) => r.metric.length));
    for (const r of s.rows) console.log(`  ${r.metric.padEnd(width)}  ${String(r.value).padStart(10)} ${r.unit}${r.note ? `  ${r.note}` : ""}`);
  }
}
