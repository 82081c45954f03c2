import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

describe("progress updates in conversation", () => {
  let t: TestDatabase;
  let planId: number;
  const clock = manualClock("2026-11-20T02:00:00Z");
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    planId = (await savePlan(t.db.prisma, samplePlan(), { name: "s", hash: "h" })).planId;
    const { services } = testServices(t.db);
    const [unit] = await services.store.findUnits(planId, "市市场监管局");
    await services.store.addUnitMembers(unit!.id, [{ platform: "console", platformUserId: "alice", displayName: "Alice" }]);
  });
  afterAll(async () => t?.cleanup());
  beforeEach(() => clock.set("2026-11-20T02:00:00Z"));

  const session = async (channelId: string, user = { userId: "alice", userName: "Alice" }) => {
    const { services } = testServices(t.db, { clock });
    await services.store.updateChannel("console", channelId, { planId });
    return { say: chat(testDispatcher(services), { channelId, ...user }), services };
  };
  const count = () => t.db.prisma.progressUpdate.count();

  it("report, card, undo and history: the whole loop", async () => {
    const { say } = await session("loop");
    const confirm = await say("#7 60% 已完成验收");
    expect(confirm).toContain("已记录：任务 7 · 加快知识产权保护中心建设");
    expect(confirm).toContain("进行中 60%");
    expect(confirm).toMatch(/\[撤销\].*\/undo \d+/);
    clock.advance(60_000);
    const card = await say("/task 7");
    expect(card).toContain("状态：进行中 60%");
    expect(card).toContain("@Alice");
    expect(card).toContain("已完成验收");
    expect(card).toContain("牵头：市市场监管局（@Alice）");
    expect(await say("/undo")).toMatch(/已撤销：#7.*当前状态：未开始/);
    expect(await say("/task 7")).toContain("状态：未开始");
    const history = await say("/history 7");
    expect(history.split("\n").filter((l) => l.startsWith("•"))).toHaveLength(2);
    expect(history).toMatch(/撤销了记录 #\d+/);
    expect(history).toContain("（已撤销）");
    expect(await say("/undo")).toContain("没有可以撤销");
  });

  it.each([
    ["7号任务 完成", "已完成"],
    ["任务七 进度80%", "进行中 80%"],
    ["第7项 受阻 缺经费", "受阻"],
    ["task 7 done", "已完成"],
    ["＃７　６０％", "进行中 60%"],
    ["任務七 進度80%", "进行中 80%"],
  ])("understands %j", async (text, state) => {
    const { say } = await session(`p-${text}`);
    const out = await say(text);
    expect(out).toContain("已记录：任务 7");
    expect(out).toContain(state);
  });

  it("ordinary chat in a bound channel is ignored silently and stores nothing", async () => {
    const { say } = await session("quiet");
    const before = await count();
    for (const text of ["明天下午3点开会", "我们有7个人参加", "2024年工作总结发群里了", "任务7怎么样了？"]) expect(await say(text)).toBe("");
    expect(await count()).toBe(before);
  });

  it("a DM that is not an update gets a hint instead of silence", async () => {
    const { say } = await session("dm-1");
    expect(await say("你好", { isDirect: true })).toContain("#7 60%");
  });

  it("an unknown task number is answered with the plan's range, nothing stored", async () => {
    const { say } = await session("unknown");
    const before = await count();
    expect(await say("#99 完成")).toContain("没有第 99 项任务（任务编号 1, 7）");
    expect(await count()).toBe(before);
  });

  it("several tasks in one message: one row each, one confirmation, one Undo for all", async () => {
    const { say, services } = await session("multi");
    await services.store.updateChannel("console", "multi", { open: true });
    const before = await count();
    const confirm = await say("任务1完成，任务7受阻 缺经费");
    expect(confirm).toContain("已记录 2 项更新");
    expect(confirm).toMatch(/任务 1 · .*已完成/);
    expect(confirm).toMatch(/任务 7 · .*受阻 · 备注：缺经费/);
    expect(await count()).toBe(before + 2);
    const undo = await say("/undo");
    expect(undo).toContain("已撤销这条消息的 2 项记录：#1、#7");
    expect(await count()).toBe(before + 4);
    expect((await say("/history 7")).split("\n").filter((l) => l.startsWith("•"))[0]).toMatch(/撤销了记录 #\d+/);
    expect(await say("/undo")).not.toContain("#1、#7");
  });

  it("a question is asked and nothing stored until answered; the answer applies its own option", async () => {
    const { say } = await session("ask");
    const before = await count();
    const q = await say("#7 150%");
    expect(q).toContain("不能作为进度");
    expect(await count()).toBe(before);
    expect(await say("60%")).toMatch(/已记录：任务 7[\s\S]*进行中 60%/);
    expect(await count()).toBe(before + 1);
    expect(await say("60%")).toBe("");
    const pick = await say("#7 完成。#7 受阻");
    expect(pick).toContain("1. #7 已完成");
    expect(pick).toContain("2. #7 受阻");
    expect(await say("第二个")).toMatch(/已记录：任务 7[\s\S]*受阻/);
    const confirm = await say("任务7 完成, 谁来验收?");
    expect(confirm).toContain("要记录以下内容吗");
    expect(await count()).toBe(before + 2);
    expect(await say("是")).toMatch(/已记录：任务 7[\s\S]*已完成/);
    expect(await count()).toBe(before + 3);
  });

  it("an answer to a question about the plan the channel has left records nothing in its new plan", async () => {
    const { say, services } = await session("moved");
    const other = (await savePlan(t.db.prisma, samplePlan({ slug: "other", title: "乙市工作方案" }), { name: "o", hash: "o" })).planId;
    const [unit] = await services.store.findUnits(other, "市市场监管局");
    await services.store.addUnitMembers(unit!.id, [{ platform: "console", platformUserId: "alice", displayName: "Alice" }]);
    expect(await say("#7 完成。#7 受阻")).toContain("2. #7 受阻");
    await services.store.updateChannel("console", "moved", { planId: other });
    const before = await count();
    expect(await say("第二个")).toContain("那个问题问的是计划“样例市关于打造知识产权强市的工作方案(2019-2021年)”，本频道现在对应计划“乙市工作方案”。未记录");
    expect(await count()).toBe(before);
    expect(await say("第二个")).toBe("");
  });

  it("the same platform message delivered twice is stored once", async () => {
    const { say } = await session("dup");
    const before = await count();
    await say("#7 30%", { messageId: "slack-1700000000.1" });
    const again = await say("#7 30%", { messageId: "slack-1700000000.1" });
    expect(again).toContain("已经记录过");
    expect(await count()).toBe(before + 1);
  });

  it("someone outside the task's units is told why and who can; an open channel lets anyone", async () => {
    const { say, services } = await session("perm", { userId: "bob", userName: "Bob" });
    const before = await count();
    const denied = await say("#7 50%");
    expect(denied).toContain("市市场监管局");
    expect(denied).toContain("/owner");
    expect(await count()).toBe(before);
    await services.store.updateChannel("console", "perm", { open: true });
    expect(await say("#7 50%")).toContain("已记录");
    expect(await say("/update 1 done")).toContain("已记录：任务 1");
  });

  it("/update reads progress words in every language, and refuses nonsense with the usage", async () => {
    const { say } = await session("cmd");
    expect(await say("/update 7 45% 图纸已送审")).toContain("进行中 45%");
    expect(await say("/update 7 blocked 等待审批")).toContain("受阻");
    expect(await say("/update 七 完成")).toContain("已完成");
    expect(await say("/update 7 banana")).toContain("没看懂进度");
    expect(await say("/update 88 done")).toContain("任务编号 1, 7");
  });

  it("target values by command and by name fragment, in the target's unit", async () => {
    const { say, services } = await session("target", { userId: "alice", userName: "Alice" });
    expect(await say("/update target 1 10.8件")).toContain("已记录：每万人口高价值发明专利拥有量");
    expect(await say("高价值发明专利拥有量 11.2件")).toContain("已记录：每万人口高价值发明专利拥有量");
    const [target] = await services.store.listTargets(planId);
    expect(target!.latest?.value).toBe(11.2);
    expect(await say("/update target 专利 12亿元")).toContain("不一致");
  });
});

describe("deadlines on the task card", () => {
  it("flags an overdue dated deadline and shows the next date of a yearly one", async () => {
    const t = await openTestDatabase("pglite");
    try {
      const base = samplePlan();
      const plan = samplePlan({
        slug: "deadline-plan",
        tasks: [
          { ...base.tasks[0]!, deadlines: [{ text: "每年12月15日前报送", date: null, recurrence: "yearly" }] },
          { ...base.tasks[1]!, deadlines: [{ text: "2026年6月底前", date: "2026-06-30", recurrence: null }] },
        ],
      });
      const { planId } = await savePlan(t.db.prisma, plan, { name: "d", hash: "d" });
      const { services } = testServices(t.db, { clock: manualClock("2026-11-20T02:00:00Z") });
      await services.store.updateChannel("console", "d", { planId });
      const say = chat(testDispatcher(services), { channelId: "d" });
      expect(await say("/task 1")).toContain("时限：每年12月15日前报送（下次 2026-12-15）");
      expect(await say("/task 7")).toContain("时限：2026年6月底前（已逾期）");
      await services.store.updateChannel("console", "d", { locale: "en" });
      expect(await say("/task 1")).toContain("Deadlines: 每年12月15日前报送 (next: 2026-12-15)");
    } finally {
      await t.cleanup();
    }
  });
});
