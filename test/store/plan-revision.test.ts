import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../src/generated/prisma/client.ts";
import type { ImportedPlan, ImportedTask } from "../../src/importer/types.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { groupMembers, setUnitGroup } from "../../src/store/unit-groups.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

const task = (number: string, title: string, units: ImportedTask["units"], deadlines: ImportedTask["deadlines"] = []): ImportedTask => ({
  number,
  title,
  section: Number(number) > 8 ? "三、保障措施" : "二、主要任务",
  text: `${title}。`,
  units,
  required: null,
  requirementNote: null,
  deadlines,
});

/** Everything the store keeps of a plan, in a stable order, with ids as they were written. */
async function planRows(prisma: PrismaClient, planId: number) {
  const tasks = await prisma.task.findMany({
    where: { planId },
    orderBy: { id: "asc" },
    include: { section: true, units: { include: { unit: true }, orderBy: { position: "asc" } }, deadlines: { orderBy: { id: "asc" } } },
  });
  const targets = await prisma.target.findMany({ where: { planId }, orderBy: { id: "asc" }, include: { milestones: { orderBy: { year: "asc" } } } });
  return {
    tasks: tasks.map((t) => ({
      id: t.id,
      number: t.number,
      position: t.position,
      title: t.title,
      section: t.section?.title ?? null,
      removed: t.removedAt !== null,
      units: t.units.map((u) => `${u.role}:${u.unit.name}`),
      deadlines: t.deadlines.map((d) => `${d.text}:${d.date?.toISOString().slice(0, 10) ?? null}`),
      updatedAt: t.updatedAt.getTime(),
    })),
    targets: targets.map((t) => ({
      id: t.id,
      name: t.name,
      position: t.position,
      removed: t.removedAt !== null,
      taskId: t.taskId,
      milestones: t.milestones.map((m) => [m.year, m.value]),
      updatedAt: t.updatedAt.getTime(),
    })),
    units: (await prisma.unit.findMany({ where: { planId }, orderBy: { id: "asc" } })).map((u) => u.name),
    sections: (await prisma.section.findMany({ where: { planId }, orderBy: { position: "asc" } })).map((s) => s.title),
    imports: await prisma.planImport.count({ where: { planId } }),
  };
}

const without = <T extends { updatedAt: number }>(rows: T[]) => rows.map(({ updatedAt: _, ...r }) => r);

describe.each(BACKENDS)("a revised plan on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
  });
  afterAll(async () => t?.cleanup());

  it("a revision with one task changed, one removed and one added gives exactly the expected rows; the same revision again writes nothing", async () => {
    const base = samplePlan();
    const first: ImportedPlan = {
      ...base,
      tasks: [...base.tasks, task("9", "强化执法", [{ name: "市公安局", role: "lead" }])],
      targets: [...base.targets, { ...base.targets[0]!, name: "专利质押融资额", unit: "元", taskNumber: "9" }],
    };
    const { planId } = await savePlan(t.db.prisma, first, { name: "v1.txt", hash: "v1" });
    const v1 = await planRows(t.db.prisma, planId);
    const id = (n: string) => v1.tasks.find((x) => x.number === n)!.id;

    // Task 7 reworded with a new deadline and a new supporting unit, task 1 gone, task 12 new;
    // the first target's milestones revised, the second one gone.
    const revised: ImportedPlan = {
      ...first,
      tasks: [
        { ...base.tasks[1]!, text: "加快知识产权保护中心建设,年内投入运行。", units: [...base.tasks[1]!.units, { name: "市司法局", role: "support" }], deadlines: [{ text: "2021年6月底前", date: "2021-06-30", recurrence: null }] },
        first.tasks[2]!,
        task("12", "完善考核机制", [{ name: "市市场监管局", role: "lead" }], [{ text: "每年底", date: null, recurrence: "yearly" }]),
      ],
      targets: [{ ...base.targets[0]!, milestones: [{ year: 2019, value: 11 }, { year: 2021, value: 15 }] }],
    };
    const result = await savePlan(t.db.prisma, revised, { name: "v2.txt", hash: "v2" });
    expect(result.status).toBe("updated");
    expect(result.changes).toEqual([
      "task 7: text, units, deadlines changed",
      "task 12 added",
      "task 1 no longer in the document (kept with its history, marked removed)",
      "target 每万人口高价值发明专利拥有量: milestones changed",
      "target 专利质押融资额 no longer in the document (kept with its history, marked removed)",
    ]);

    const v2 = await planRows(t.db.prisma, planId);
    expect(without(v2.tasks)).toEqual([
      { id: id("1"), number: "1", position: 0, title: "加强关键核心技术知识产权创造", section: "二、主要任务", removed: true, units: ["lead:市科技创新委", "support:市工业和信息化局"], deadlines: [] },
      { id: id("7"), number: "7", position: 0, title: "加快知识产权保护中心建设", section: "二、主要任务", removed: false, units: ["lead:市市场监管局", "support:市中级法院", "support:市公安局", "support:市司法局"], deadlines: ["2021年6月底前:2021-06-30"] },
      { id: id("9"), number: "9", position: 1, title: "强化执法", section: "三、保障措施", removed: false, units: ["lead:市公安局"], deadlines: [] },
      { id: expect.any(Number), number: "12", position: 2, title: "完善考核机制", section: "三、保障措施", removed: false, units: ["lead:市市场监管局"], deadlines: ["每年底:null"] },
    ]);
    expect(v2.tasks[3]!.id).toBeGreaterThan(id("9"));
    // Task 9 only moved: its row is rewritten (position) but it is not reported as changed.
    expect(without(v2.targets)).toEqual([
      { id: v1.targets[0]!.id, name: "每万人口高价值发明专利拥有量", position: 0, removed: false, taskId: null, milestones: [[2019, 11], [2021, 15]] },
      { id: v1.targets[1]!.id, name: "专利质押融资额", position: 1, removed: true, taskId: id("9"), milestones: [[2019, 10.5], [2021, 14]] },
    ]);
    expect(v2.units).toEqual([...v1.units, "市司法局"]);
    expect(v2.imports).toBe(2);

    const again = await savePlan(t.db.prisma, revised, { name: "v2.txt", hash: "v2" });
    expect(again).toMatchObject({ status: "unchanged", changes: [] });
    expect(await planRows(t.db.prisma, planId)).toEqual(v2);
  });

  it("a district the revision names joins its group, unless an admin set the group's members", async () => {
    const plan = (...districts: string[]) =>
      samplePlan({ slug: "groups", tasks: [task("1", "区级落实", [{ name: "各区政府", role: "responsible" }, ...districts.map((name) => ({ name, role: "support" as const }))])], targets: [], units: [] });
    const { planId } = await savePlan(t.db.prisma, plan("福田区政府"), { name: "g.txt", hash: "g1" });
    const group = await t.db.prisma.unit.findFirstOrThrow({ where: { planId, name: "各区政府" } });
    const members = async () => (await groupMembers(t.db.prisma, group.id)).map((m) => `${m.name}:${m.source}`);
    expect(await members()).toEqual(["福田区政府:plan"]);
    await savePlan(t.db.prisma, plan("福田区政府", "罗湖区政府"), { name: "g.txt", hash: "g2" });
    expect(await members()).toEqual(["福田区政府:plan", "罗湖区政府:plan"]);
    await setUnitGroup(t.db.prisma, planId, group.id, ["罗湖区政府"]);
    await savePlan(t.db.prisma, plan("福田区政府", "罗湖区政府", "南山区政府"), { name: "g.txt", hash: "g3" });
    expect(await members()).toEqual(["罗湖区政府:admin"]);
  });
});

describe("a plan of more rows than one statement writes", () => {
  it("is written whole and re-imported unchanged", async () => {
    const t = await openTestDatabase("pglite");
    try {
      // Tasks and task units are written a thousand rows per statement (plan-rows.ts).
      const n = 1200;
      const tasks = Array.from({ length: n }, (_, i) =>
        task(String(i + 1), `第${i + 1}项任务`, [{ name: `单位${i % 40}`, role: "lead" as const }, { name: `单位${(i + 7) % 40}`, role: "support" as const }]),
      );
      const plan = samplePlan({ slug: "large", tasks, targets: [], units: [] });
      const created = await savePlan(t.db.prisma, plan, { name: "large.txt", hash: "l1" });
      expect(created.status).toBe("created");
      const rows = await t.db.prisma.task.findMany({ where: { planId: created.planId }, orderBy: { id: "asc" }, select: { number: true, position: true } });
      expect(rows.length).toBe(n);
      expect(rows.every((r, i) => r.number === String(i + 1) && r.position === i)).toBe(true);
      expect(await t.db.prisma.taskUnit.count({ where: { task: { planId: created.planId } } })).toBe(2 * n);
      expect(await savePlan(t.db.prisma, plan, { name: "large.txt", hash: "l1" })).toMatchObject({ status: "unchanged", changes: [] });
    } finally {
      await t.cleanup();
    }
  });
});
