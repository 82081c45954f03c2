import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, migrate } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

describe.each(BACKENDS)("store on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
  });
  afterAll(async () => t?.cleanup());

  it("migrations are recorded and re-running them applies nothing", async () => {
    expect(await migrate(t.db.sql)).toEqual([]);
    const rows = await t.db.sql.query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations"`);
    expect(rows.map((r) => r.migration_name)).toContain("20261121000000_init");
  });

  it("imports a plan, then the same plan again changes nothing", async () => {
    const first = await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h1" });
    expect(first.status).toBe("created");
    const again = await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h1" });
    expect(again).toMatchObject({ status: "unchanged", changes: [] });
    const store = createStore(t.db);
    const task = await store.getTask(first.planId, "7");
    expect(task?.units.map((u) => [u.role, u.unit.name])).toEqual([
      ["lead", "市市场监管局"],
      ["support", "市中级法院"],
      ["support", "市公安局"],
    ]);
    expect(task?.units[0]?.unit.aliases).toEqual(["市知识产权局"]);
    expect(task?.deadlines).toEqual([{ text: "2020年底前", date: "2020-12-31", recurrence: null }]);
  });

  it("a revised document updates in place, marks vanished tasks removed and keeps their history", async () => {
    const { planId } = await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h1" });
    const task1 = await t.db.prisma.task.findFirstOrThrow({ where: { planId, number: "1" } });
    await t.db.prisma.progressUpdate.create({
      data: { planId, taskId: task1.id, percent: 30, status: "in_progress", sourcePlatform: "console", sourceMessageId: "m-hist" },
    });
    const base = samplePlan();
    const revised = samplePlan({
      tasks: [{ ...base.tasks[1]!, units: [{ name: "市市场监管局", role: "lead" }] }],
    });
    const result = await savePlan(t.db.prisma, revised, { name: "sample-v2.txt", hash: "h2" });
    expect(result.status).toBe("updated");
    expect(result.changes).toEqual(expect.arrayContaining([expect.stringMatching(/^task 7: units/), expect.stringMatching(/^task 1 no longer/)]));
    const store = createStore(t.db);
    // A removed task stays reachable (its card says removed) but leaves the lists.
    expect((await store.getTask(planId, "1"))?.removedAt).toBeInstanceOf(Date);
    expect(await store.listTaskNumbers(planId)).toEqual(["7"]);
    expect(await t.db.prisma.progressUpdate.count({ where: { taskId: task1.id } })).toBe(1);
    // Importing the first version again restores the task with its history.
    await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h1" });
    const restored = await store.getTask(planId, "1");
    expect(restored?.title).toBe("加强关键核心技术知识产权创造");
    expect(restored?.removedAt).toBeNull();
  });

  it("progress history is append-only: the database refuses updates and deletes", async () => {
    const plan = await t.db.prisma.plan.findFirstOrThrow();
    const row = await t.db.prisma.progressUpdate.create({ data: { planId: plan.id, sourcePlatform: "console", note: "x" } });
    await expect(t.db.prisma.progressUpdate.update({ where: { id: row.id }, data: { note: "y" } })).rejects.toThrow(/append-only/);
    await expect(t.db.prisma.progressUpdate.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    expect((await t.db.prisma.progressUpdate.findUniqueOrThrow({ where: { id: row.id } })).note).toBe("x");
  });

  it("the same platform message is stored once", async () => {
    const plan = await t.db.prisma.plan.findFirstOrThrow();
    const data = { planId: plan.id, sourcePlatform: "slack", sourceMessageId: "1700000000.000100", percent: 60 };
    await t.db.prisma.progressUpdate.create({ data });
    await expect(t.db.prisma.progressUpdate.create({ data })).rejects.toThrow();
    expect(await t.db.prisma.progressUpdate.count({ where: { sourceMessageId: data.sourceMessageId } })).toBe(1);
  });

  it("claims each inbound event id once", async () => {
    const store = createStore(t.db);
    expect(await store.claimEvent("slack", "Ev1")).toBe(true);
    expect(await store.claimEvent("slack", "Ev1")).toBe(false);
    expect(await store.claimEvent("discord", "Ev1")).toBe(true);
  });

  it("finds plans by slug or title fragment, in either script", async () => {
    const store = createStore(t.db);
    expect((await store.findPlans("sample-2019-2021")).map((p) => p.slug)).toEqual(["sample-2019-2021"]);
    expect((await store.findPlans("样例市")).length).toBe(1);
    expect((await store.findPlans("樣例市")).length).toBe(1);
    expect(await store.findPlans("天津")).toEqual([]);
  });

  it("keeps channel settings per platform and channel", async () => {
    const store = createStore(t.db);
    const plan = (await store.listPlans())[0]!;
    expect(await store.getChannel("slack", "C1")).toEqual({ planId: null, locale: null, timezone: null, open: false });
    await store.updateChannel("slack", "C1", { planId: plan.id, locale: "en" });
    expect(await store.getChannel("slack", "C1")).toMatchObject({ planId: plan.id, locale: "en" });
    expect((await store.getChannel("discord", "C1")).planId).toBeNull();
  });
});

describe("plan-level deadlines", () => {
  it("are kept with the plan and follow revisions", async () => {
    const t = await openTestDatabase("pglite");
    try {
      const deadlines = [{ text: "每年12月15日前报送年度总结", date: null, recurrence: "yearly" as const }];
      const { planId } = await savePlan(t.db.prisma, samplePlan({ deadlines }), { name: "s", hash: "d1" });
      const rows = () => t.db.prisma.deadline.findMany({ where: { planId, taskId: null } });
      expect((await rows()).map((d) => [d.text, d.recurrence])).toEqual([["每年12月15日前报送年度总结", "yearly"]]);
      const again = await savePlan(t.db.prisma, samplePlan({ deadlines }), { name: "s", hash: "d1" });
      expect(again.status).toBe("unchanged");
      const revised = await savePlan(t.db.prisma, samplePlan({ deadlines: [] }), { name: "s", hash: "d2" });
      expect(revised.changes).toContain("plan deadlines changed");
      expect(await rows()).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });
});

describe("inbound event ledger", () => {
  it("keeps recent event ids and drops those older than a week", async () => {
    const t = await openTestDatabase("pglite");
    try {
      const { pruneEvents } = await import("../../src/store/channels.ts");
      const old = new Date(Date.now() - 8 * 86_400_000);
      await t.db.prisma.processedEvent.create({ data: { platform: "slack", eventId: "old", receivedAt: old } });
      const store = createStore(t.db);
      expect(await store.claimEvent("slack", "new")).toBe(true);
      expect(await t.db.prisma.processedEvent.findMany({ select: { eventId: true } })).toEqual([{ eventId: "new" }]);
      expect(await pruneEvents(t.db.sql, new Date())).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});
