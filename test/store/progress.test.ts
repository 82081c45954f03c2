import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/store.ts";
import { createStore } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

const alice = { platform: "slack", platformUserId: "U1", displayName: "Alice" };
const bob = { platform: "slack", platformUserId: "U2", displayName: "Bob" };

describe.each(BACKENDS)("progress store on %s", (backend) => {
  let t: TestDatabase;
  let store: Store;
  let planId: number;
  let task7: number;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    store = createStore(t.db);
    planId = (await savePlan(t.db.prisma, samplePlan(), { name: "s", hash: "h" })).planId;
    task7 = (await store.getTask(planId, "7"))!.id;
  });
  afterAll(async () => t?.cleanup());

  it("a task's state is its newest update that was not undone; the percent survives a block", async () => {
    const base = { planId, taskId: task7, member: alice, sourcePlatform: "slack" };
    await store.recordUpdate({ ...base, status: "in_progress", percent: 40, sourceMessageId: "a1" });
    await store.recordUpdate({ ...base, status: "blocked", note: "缺经费", sourceMessageId: "a2" });
    let row = (await store.listTaskRows(planId)).find((r) => r.number === "7")!;
    expect(row.progress).toMatchObject({ status: "blocked", percent: 40 });
    expect(row.progress.latest?.note).toBe("缺经费");
    const { update } = await store.recordUpdate({ ...base, status: "in_progress", percent: 60, note: "已完成验收", sourceMessageId: "a3" });
    const undo = await store.retractUpdate(update.id, alice, { platform: "slack", messageId: "undo-a3" });
    expect(undo).toMatchObject({ kind: "retraction", retractsId: update.id });
    expect(await store.retractUpdate(update.id, alice, { platform: "slack", messageId: "undo-a3-again" })).toBeNull();
    row = (await store.listTaskRows(planId)).find((r) => r.number === "7")!;
    expect(row.progress).toMatchObject({ status: "blocked", percent: 40 });
    const history = await store.listHistory({ taskId: task7 }, 10);
    expect(history.map((h) => h.kind)).toEqual(["retraction", "progress", "progress", "progress"]);
    expect(history[1]).toMatchObject({ retracted: true, percent: 60 });
  });

  it("the same platform message recorded twice is stored once", async () => {
    const u = { planId, taskId: task7, member: bob, sourcePlatform: "slack", sourceMessageId: "dup-1", status: "done" as const };
    const [a, b] = await Promise.all([store.recordUpdate(u), store.recordUpdate(u)]);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(a.update.id).toBe(b.update.id);
    expect(await t.db.prisma.progressUpdate.count({ where: { sourceMessageId: "dup-1" } })).toBe(1);
  });

  it("undo finds the author's own newest update only", async () => {
    const since = new Date(Date.now() - 86_400_000);
    expect((await store.lastUndoable("slack", "U2", since))?.member?.displayName).toBe("Bob");
    expect(await store.lastUndoable("slack", "U9", since)).toBeNull();
  });

  it("target values: the newest non-retracted one is the latest", async () => {
    const target = (await store.listTargets(planId))[0]!;
    expect(target.latest).toBeNull();
    await store.recordUpdate({ planId, targetId: target.id, value: 11.2, member: alice, sourcePlatform: "slack", sourceMessageId: "v1" });
    const { update } = await store.recordUpdate({ planId, targetId: target.id, value: 99, member: alice, sourcePlatform: "slack", sourceMessageId: "v2" });
    await store.retractUpdate(update.id, alice, { platform: "slack" });
    const after = (await store.listTargets(planId))[0]!;
    expect(after.latest?.value).toBe(11.2);
    expect(after.baseline).toEqual({ year: 2018, value: 9.54 });
    expect(after.milestones.map((m) => m.year)).toEqual([2019, 2021]);
  });

  it("maps members to units by platform identity", async () => {
    const [unit] = await store.findUnits(planId, "市知识产权局");
    expect(unit?.name).toBe("市市场监管局");
    await store.addUnitMembers(unit!.id, [alice, alice]);
    expect((await store.unitMembers(unit!.id)).map((m) => m.displayName)).toEqual(["Alice"]);
    expect((await store.memberUnits(planId, "slack", "U1")).map((u) => u.name)).toEqual(["市市场监管局"]);
    expect((await store.getTask(planId, "7"))!.units[0]!.members.map((m) => m.platformUserId)).toEqual(["U1"]);
    expect(await store.removeUnitMembers(unit!.id, [alice])).toBe(1);
    expect(await store.unitMembers(unit!.id)).toEqual([]);
  });
});

describe("task card read", () => {
  it("returns the task, its progress and only its linked targets", async () => {
    const t = await openTestDatabase("pglite");
    try {
      const base = samplePlan();
      const plan = samplePlan({ targets: [{ ...base.targets[0]!, taskNumber: "7" }, { ...base.targets[0]!, name: "另一个指标", taskNumber: null }] });
      const { planId } = await savePlan(t.db.prisma, plan, { name: "s", hash: "c" });
      const store = createStore(t.db);
      const empty = await store.getTaskCard(planId, "1");
      expect(empty).toMatchObject({ progress: { status: "not_started", percent: null, latest: null }, targets: [] });
      const task7 = (await store.getTask(planId, "7"))!;
      await store.recordUpdate({ planId, taskId: task7.id, member: alice, status: "in_progress", percent: 40, sourcePlatform: "slack", sourceMessageId: "card-1" });
      await store.recordUpdate({ planId, taskId: task7.id, member: alice, status: "blocked", note: "等审批", sourcePlatform: "slack", sourceMessageId: "card-2" });
      const card = (await store.getTaskCard(planId, "7"))!;
      expect(card.task.units.map((u) => u.unit.name)).toEqual(["市市场监管局", "市中级法院", "市公安局"]);
      expect(card.progress).toMatchObject({ status: "blocked", percent: 40 });
      expect(card.progress.latest?.note).toBe("等审批");
      expect(card.targets.map((x) => x.name)).toEqual(["每万人口高价值发明专利拥有量"]);
      expect(await store.getTaskCard(planId, "99")).toBeNull();
    } finally {
      await t.cleanup();
    }
  });
});
