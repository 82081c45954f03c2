import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/core/command.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

// Task 1 of the sample plan is removed by a revised import; its card still shows it, read-only.
describe("progress on a task a revised plan removed", () => {
  let t: TestDatabase;
  let services: Services;
  let say: ReturnType<typeof chat>;
  const count = () => t.db.prisma.progressUpdate.count();

  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const { planId } = await savePlan(t.db.prisma, samplePlan(), { name: "v1.txt", hash: "v1" });
    await savePlan(t.db.prisma, samplePlan({ tasks: samplePlan().tasks.filter((x) => x.number !== "1") }), { name: "v2.txt", hash: "v2" });
    services = testServices(t.db).services;
    await services.store.updateChannel("console", "room", { planId });
    // Alice reports for task 7's unit, not for the removed task's; the plan admin may report on anything.
    const [unit] = await services.store.findUnits(planId, "市市场监管局");
    await services.store.addUnitMembers(unit!.id, [{ platform: "console", platformUserId: "alice", displayName: "Alice" }]);
    await services.store.addPlanAdmin(planId, "console", "boss");
    say = chat(testDispatcher(services), { channelId: "room" });
  });
  afterAll(async () => t?.cleanup());

  it.each([
    ["zh-CN", "#1 完成", /^任务 1 已于 \d{4}-\d{2}-\d{2} 从计划中移除，不能再更新；未记录。历史记录：\/history 1$/],
    ["zh-TW", "#1 完成", /^任務 1 已於 \d{4}-\d{2}-\d{2} 從計畫中移除，不能再更新；未記錄。歷史紀錄：\/history 1$/],
    ["en", "task 1 done", /^Task 1 was removed from the plan on \d{4}-\d{2}-\d{2} and can no longer be updated; nothing was recorded\. History: \/history 1$/],
  ] as const)("free text in %s says the task was removed and records nothing", async (locale, text, said) => {
    const before = await count();
    expect(await say(text, { userId: "boss", userName: "Boss", locale })).toMatch(said);
    expect(await count()).toBe(before);
  });

  it("several tasks in one message naming the removed one: said removed, nothing recorded", async () => {
    const before = await count();
    expect(await say("#7 完成，#1 完成", { userId: "boss", userName: "Boss" })).toContain("任务 1 已于");
    expect(await count()).toBe(before);
  });

  it("/update on the removed task says it was removed to anyone, not who may report on it", async () => {
    const before = await count();
    expect(await say("/update 1 完成")).toMatch(/^任务 1 已于 \S+ 从计划中移除，不能再更新；未记录。/);
    expect(await say("/update 1 完成", { userId: "nobody", userName: "Nobody" })).toMatch(/^任务 1 已于 \S+ 从计划中移除/);
    expect(await count()).toBe(before);
    // A number the plan never had is still answered with the plan's range.
    expect(await say("#9 完成", { userId: "boss", userName: "Boss" })).toContain("没有第 9 项任务（任务编号 7）");
  });
});
