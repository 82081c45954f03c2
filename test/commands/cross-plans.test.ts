import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import type { Services } from "../../src/core/command.ts";
import type { ImportedTask } from "../../src/importer/types.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

const task = (n: number, unit: string, overdue = false): ImportedTask => ({
  number: String(n),
  title: `${unit}第${n}项任务`,
  section: null,
  text: `任务${n}。`,
  units: [{ name: unit, role: "lead" }],
  required: null,
  requirementNote: null,
  deadlines: overdue ? [{ text: "2026年6月底前", date: "2026-06-30", recurrence: null }] : [],
});

// Two plans; the asker's unit (市科技局) appears in both, the channel is bound to neither.
describe("views across plans: /tasks overdue all, /tasks blocked all, /me", () => {
  let t: TestDatabase;
  let services: Services;
  const clock = manualClock("2026-11-20T02:00:00Z");
  let alice: ReturnType<typeof chat>;
  let bob: ReturnType<typeof chat>;

  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const a = samplePlan({ slug: "alpha", title: "甲计划", tasks: [task(1, "市科技局", true), task(2, "市商务局", true), task(3, "市科技局")], units: [], targets: [] });
    const b = samplePlan({ slug: "beta", title: "乙计划", tasks: [task(1, "市商务局"), task(2, "市科技局", true), task(3, "市科技局")], units: [], targets: [] });
    const ids = [(await savePlan(t.db.prisma, a, { name: "a", hash: "a" })).planId, (await savePlan(t.db.prisma, b, { name: "b", hash: "b" })).planId];
    services = testServices(t.db, { clock }).services;
    for (const planId of ids) {
      const unit = (await services.store.findUnits(planId, "市科技局"))[0]!;
      await services.store.addUnitMembers(unit.id, [{ platform: "console", platformUserId: "alice", displayName: "alice" }]);
    }
    const dispatcher = testDispatcher(services);
    alice = chat(dispatcher, { channelId: "dm-alice", userId: "alice", userName: "alice" });
    bob = chat(dispatcher, { channelId: "dm-bob", userId: "bob", userName: "bob" });
    const writer = chat(dispatcher, { channelId: "room", userId: "alice", userName: "alice" });
    await services.store.updateChannel("console", "room", { planId: ids[0]! });
    expect(await writer("/update 3 受阻 缺经费")).toContain("受阻");
    await services.store.updateChannel("console", "room", { planId: ids[1]! });
    expect(await writer("/update 3 受阻 等批复")).toContain("受阻");
  });
  afterAll(async () => t?.cleanup());

  it("/tasks overdue all lists the overdue tasks of every plan under each plan's title, with no plan chosen", async () => {
    expect(await alice("/tasks overdue")).toMatch(/计划/); // still needs a plan without "all"
    const out = await alice("/tasks overdue all");
    expect(out).toContain("【所有计划 · 任务（逾期 3 项，涉及 2 个计划，第 1/1 页）】");
    expect(out).toMatch(/▸ 甲计划\n• 1\. 市科技局第1项任务 · .*⚠ · 市科技局\n• 2\. 市商务局第2项任务 .*\n  ▸ 乙计划\n• 2\. 市科技局第2项任务/);
    expect(await alice("/任务列表 逾期 全部计划")).toContain("逾期 3 项，涉及 2 个计划");
  });

  it("/tasks blocked all, and a filter nothing matches says so", async () => {
    const out = await alice("/tasks 受阻 all");
    expect(out).toContain("受阻 2 项，涉及 2 个计划");
    expect(out).toContain("▸ 甲计划\n• 3. 市科技局第3项任务 · 受阻");
    expect(out).toContain("▸ 乙计划\n• 3. 市科技局第3项任务 · 受阻");
    expect(await alice("/tasks 完成 all")).toContain("没有符合条件的任务。");
    expect(await alice("/tasks 市商务局 all")).toContain("市商务局 2 项，涉及 2 个计划");
    expect(await alice("/tasks 火星局 all")).toContain("没有与“火星局”匹配的单位");
  });

  it("/me lists my units' open tasks in every plan, each plan under its title", async () => {
    const out = await alice("/me");
    expect(out).toContain("【我的单位：市科技局】");
    expect(out).toMatch(/▸ 甲计划\n• 1 · 市科技局第1项任务（牵头 · 未开始 · 截止 2026-06-30）\n• 3 · 市科技局第3项任务（牵头 · 受阻/);
    expect(out).toMatch(/▸ 乙计划\n• 2 · 市科技局第2项任务[^\n]*\n• 3 · 市科技局第3项任务/);
    expect(out).toContain("第 1/1 页，2 个计划共 4 项未完成任务");
    expect(out).not.toContain("市商务局第");
  });

  it("/me for someone mapped nowhere says how to get mapped", async () => {
    expect(await bob("/me")).toContain("您还没有登记到任何计划的单位");
  });
});
