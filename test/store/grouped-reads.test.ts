import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/** Reads every update makes go as one statement per burst: each caller still gets its own answer. */
for (const backend of BACKENDS) {
  describe(`reads arriving together (${backend})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openTestDatabase(backend);
    });
    afterAll(async () => t?.cleanup());

    it("tasks asked for at once, across plans, each answer its own (none for a number a plan lacks)", async () => {
      const a = (await savePlan(t.db.prisma, samplePlan({ slug: "plan-a" }), { name: "a", hash: "a" })).planId;
      const base = samplePlan({ slug: "plan-b" });
      const b = (await savePlan(t.db.prisma, { ...base, tasks: base.tasks.map((x) => ({ ...x, title: `乙 ${x.title}` })) }, { name: "b", hash: "b" })).planId;
      const store = createStore(t.db);
      const keys: [number, string][] = [[a, "7"], [b, "1"], [a, "99"], [a, "7"], [b, "7"], [a, "1"]];
      const tasks = await Promise.all(keys.map(([planId, number]) => store.getTask(planId, number)));
      expect(tasks.map((x) => (x ? [x.planId, x.number, x.title] : null))).toEqual([
        [a, "7", "加快知识产权保护中心建设"],
        [b, "1", "乙 加强关键核心技术知识产权创造"],
        null,
        [a, "7", "加快知识产权保护中心建设"],
        [b, "7", "乙 加快知识产权保护中心建设"],
        [a, "1", "加强关键核心技术知识产权创造"],
      ]);
      expect(tasks[0]!.units.map((u) => u.unit.name)).toEqual(["市市场监管局", "市中级法院", "市公安局"]);
    });

    it("whether messages were edited, asked at once: each answer its own", async () => {
      const store = createStore(t.db);
      const planId = (await savePlan(t.db.prisma, samplePlan({ slug: "plan-r" }), { name: "r", hash: "r" })).planId;
      const task = (await store.getTask(planId, "7"))!;
      const member = { platform: "fakechat", platformUserId: "U1", displayName: "王五" };
      const row = (messageId: string, revision?: string) => ({
        planId,
        taskId: task.id,
        member,
        status: "in_progress" as const,
        percent: 50,
        sourcePlatform: "fakechat",
        sourceMessageId: messageId,
        ...(revision ? { sourceRevision: revision } : {}),
      });
      await store.recordUpdates([row("m-edited")]);
      await store.recordUpdates([row("m-edited", "edit-1")]);
      await store.recordUpdates([row("m-plain")]);
      await store.noteMessageRevised("fakechat", "m-deleted");
      const asked = ["m-plain", "m-edited", "m-deleted", "m-unknown", "m-edited"];
      expect(await Promise.all(asked.map((id) => store.messageRevised("fakechat", id)))).toEqual([false, true, true, false, true]);
      expect(await store.messageRevised("otherchat", "m-edited")).toBe(false);
    });
  });
}
