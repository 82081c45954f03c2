import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import type { ImportedTask } from "../../src/importer/types.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

// The card and the lists show a task's units in the order the document writes them, whatever
// order the units were first met in the plan (市市场监管局 is met first, but task 9 names it last).
function task9(units: ImportedTask["units"]): ImportedTask {
  return { number: "9", title: "强化执法", section: "二、主要任务", text: "强化执法。", units, required: null, requirementNote: null, deadlines: [] };
}

describe.each(BACKENDS)("unit order on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
  });
  afterAll(async () => t?.cleanup());

  it("keeps the document's order on the card and in task lists, and follows a revised order", async () => {
    const base = samplePlan();
    const units: ImportedTask["units"] = [
      { name: "市公安局", role: "responsible" },
      { name: "市科技创新委", role: "responsible" },
      { name: "市市场监管局", role: "responsible" },
      { name: "市工业和信息化局", role: "support" },
    ];
    const { planId } = await savePlan(t.db.prisma, samplePlan({ tasks: [...base.tasks, task9(units)] }), { name: "a.txt", hash: "a" });
    const store = createStore(t.db);
    const names = async () => (await store.getTask(planId, "9"))!.units.map((u) => u.unit.name);
    expect(await names()).toEqual(["市公安局", "市科技创新委", "市市场监管局", "市工业和信息化局"]);
    const row = (await store.listTaskRows(planId)).find((r) => r.number === "9")!;
    expect(row.units.map((u) => u.name)).toEqual(["市公安局", "市科技创新委", "市市场监管局", "市工业和信息化局"]);

    const reordered = [units[2]!, units[0]!, units[1]!, units[3]!];
    const result = await savePlan(t.db.prisma, samplePlan({ tasks: [...base.tasks, task9(reordered)] }), { name: "b.txt", hash: "b" });
    expect(result.changes.filter((c) => c.startsWith("task 9"))).toEqual([]);
    expect(await names()).toEqual(["市市场监管局", "市公安局", "市科技创新委", "市工业和信息化局"]);
  });
});
