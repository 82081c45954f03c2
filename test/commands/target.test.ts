import { afterAll, beforeAll, describe, expect, it } from "vitest";
import target from "../../commands/target.ts";
import { manualClock } from "../../src/core/clock.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { samplePlan } from "../helpers/fixtures.ts";
import { chat, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { bengbuPlan, manyTargetsPlan, targetDispatcher } from "../core/targets/fixtures.ts";

// 2025-07-02 12:00 in Shanghai: day 183 of 2025, so 质押融资's pace is 20亿 + 2亿 × 183/365 ≈ 21.0亿.
const NOON_JULY_2 = "2025-07-02T04:00:00Z";
const ALICE = { platform: "console", platformUserId: "alice", displayName: "Alice" };

describe("/target on a real in-memory store", () => {
  let t: TestDatabase;
  let planId: number;
  let seq = 0;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    await savePlan(t.db.prisma, bengbuPlan(), { name: "bengbu.txt", hash: "b" });
    await savePlan(t.db.prisma, manyTargetsPlan(12), { name: "many.txt", hash: "m" });
    await savePlan(t.db.prisma, samplePlan({ slug: "no-targets", title: "无指标方案", targets: [] }), { name: "none.txt", hash: "n" });
    planId = (await t.db.prisma.plan.findFirstOrThrow({ where: { slug: "bengbu-2024-2026" } })).id;
  });
  afterAll(async () => t?.cleanup());

  async function setup(channelId: string, plan = "蚌埠") {
    const { services } = testServices(t.db, { clock: manualClock(NOON_JULY_2) });
    const say = chat(targetDispatcher(services), { channelId });
    await say(`/plan use ${plan}`, { userId: "admin" });
    return { services, say };
  }

  async function report(targetName: string, value: number, at = new Date(NOON_JULY_2)) {
    const target = (await t.db.prisma.target.findFirstOrThrow({ where: { planId, name: targetName } })).id;
    const { update } = await testServices(t.db).services.store.recordUpdate({
      planId,
      targetId: target,
      value,
      member: ALICE,
      sourcePlatform: "console",
      sourceMessageId: `report-${++seq}`,
      createdAt: at,
    });
    return update;
  }

  it("lists the six indicator targets: baseline → latest → this year's milestone → final goal, status", async () => {
    const { say } = await setup("room-list");
    const out = await say("/target");
    expect(out).toContain("蚌埠市国家知识产权强市建设试点城市工作方案(2024—2026年) · 量化指标 6 项");
    for (const line of [
      "1. 每万人口高价值发明专利拥有量：9.54件 → — → 12件（2025） → 14件（2026） · 暂无数据",
      "2. 有效商标注册量：4.9万件 → — → 6.2万件（2025） → 7万件（2026） · 暂无数据",
      "3. 知识产权质押融资金额：17.2亿元 → — → 22亿元（2025） → 25亿元（2026） · 暂无数据",
      "4. 知识产权贯标企业数：114家 → — → 175家（2025） → 210家（2026） · 暂无数据",
      "5. 知识产权保护社会满意度：86% → — → 90%（2026） · 暂无数据",
      "6. 知识产权专员数：471人 → — → 700人（2025） → 800人（2026） · 暂无数据",
    ]) {
      expect(out).toContain(line);
    }
    expect(out).not.toContain("/target page");
    expect(await say("/指标")).toBe(out);
    expect(await say("／目標")).toBe(out);
  });

  it("opens one target's card by number or by a name fragment, Simplified or Traditional", async () => {
    const { say } = await setup("room-card");
    const card = await say("/target 3");
    expect(card).toContain("【指标 3 · 知识产权质押融资金额】");
    expect(card).toContain("基线（2023年）：17.2亿元");
    expect(card).toContain("最新值：尚未报送");
    expect(card).toContain("2025年目标：22亿元");
    expect(card).toContain("最终目标（2026年）：25亿元");
    expect(card).toContain("状态：暂无数据");
    expect(card).toContain("关联任务：任务 7（/task 7）");
    expect(card).toContain("/update target 3 22亿元");
    expect(card).toContain("“知识产权质押融资金额 22亿元”");
    for (const text of ["/target 质押融资", "/target 質押融資", "/指标3", "/target 三", "/目标 融资额"]) {
      expect(await say(text)).toBe(card);
    }
  });

  it("a reported value moves the status against the pace of the milestones", async () => {
    const { say } = await setup("room-status");
    const status = async () => (await say("/target 3")).split("\n").find((l) => l.startsWith("状态"));
    await report("知识产权质押融资金额", 2_110_000_000);
    expect(await status()).toBe("状态：进度正常（按进度今天应达 21亿元）");
    await report("知识产权质押融资金额", 2_090_000_000);
    expect(await status()).toBe("状态：略有落后（按进度今天应达 21亿元）");
    const slow = await report("知识产权质押融资金额", 1_900_000_000);
    expect(await status()).toBe("状态：有风险（按进度今天应达 21亿元）");
    const done = await report("知识产权质押融资金额", 2_500_000_000);
    expect(await status()).toBe("状态：已达成");
    expect(await say("/target")).toContain("3. 知识产权质押融资金额：17.2亿元 → 25亿元 → 22亿元（2025） → 25亿元（2026） · 已达成");

    // Undoing the last report brings the previous value (and its status) back.
    const { services } = testServices(t.db);
    await services.store.retractUpdate(done.id, ALICE, { platform: "console" });
    expect(await status()).toBe("状态：有风险（按进度今天应达 21亿元）");
    expect(await say("/target 3")).toContain(`最新值：19亿元 · @Alice`);
    expect(slow.value).toBe(1_900_000_000);
  });

  it("shows who reported the latest value and when, in the channel's time zone", async () => {
    const { services, say } = await setup("room-time");
    await report("知识产权专员数", 650, new Date("2025-07-01T16:05:00Z"));
    expect(await say("/target 6")).toContain("最新值：650人 · @Alice · 2025年7月2日 00:05");
    await services.store.updateChannel("console", "room-time", { timezone: "America/New_York" });
    expect(await say("/target 6")).toContain("最新值：650人 · @Alice · 2025年7月1日 12:05");
    await services.store.updateChannel("console", "room-time", { locale: "en" });
    expect(await say("/target 6")).toContain("650 人 · @Alice · Jul 1, 2025, 12:05");
  });

  it("several matches give a short list to choose from, with buttons", async () => {
    const { services, say } = await setup("room-choose");
    const out = await say("/target 知识产权");
    expect(out).toContain("“知识产权”对应 4 项指标，请选择：");
    expect(out).toContain("3. 知识产权质押融资金额 → /target 3");
    expect(out).toContain("6. 知识产权专员数 → /target 6");
    const [reply] = await targetDispatcher(services).handle({ platform: "console", channelId: "room-choose", userId: "alice", userName: "Alice", text: "/target 知识产权" });
    const buttons = reply!.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []));
    expect(buttons.map((b) => b.command)).toEqual(["/target 3", "/target 4", "/target 5", "/target 6"]);
    expect(reply!.private).toBe(true);
  });

  it("an unknown number or name answers with the plan's targets", async () => {
    const { say } = await setup("room-unknown");
    const outOfRange = await say("/target 7");
    expect(outOfRange).toContain("计划“蚌埠市国家知识产权强市建设试点城市工作方案(2024—2026年)”没有第 7 项指标。指标 1–6：");
    expect(outOfRange).toContain("5. 知识产权保护社会满意度");
    expect(await say("/target 天气")).toContain("没有与“天气”匹配的指标。指标 1–6：");
  });

  it("pages long lists ten at a time with a button for the next page", async () => {
    const { services, say } = await setup("room-many", "多指标");
    const first = await say("/target");
    expect(first).toContain("10. 测试指标10号");
    expect(first).not.toContain("11. 测试指标11号");
    expect(first).toContain("第 1/2 页");
    const [reply] = await targetDispatcher(services).handle({ platform: "console", channelId: "room-many", userId: "alice", userName: "Alice", text: "/target" });
    const buttons = reply!.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []));
    expect(buttons.map((b) => b.command)).toEqual(["/target page 2"]);
    const second = await say("/target page 2");
    expect(second).toContain("11. 测试指标11号：10项 → — → 20项（2021） · 暂无数据");
    expect(second).toContain("12. 测试指标12号");
    expect(second).not.toContain("/target page 3");
    expect(await say("/target 第3页")).toContain("没有第 3 页（共 2 页）");
  });

  it("speaks the channel's language; values keep the plan's units", async () => {
    const { services, say } = await setup("room-lang");
    await services.store.updateChannel("console", "room-lang", { locale: "en" });
    const en = await say("/target 3");
    expect(en).toContain("Target 3 · 知识产权质押融资金额");
    // (The console renders every field with a full-width colon.)
    expect(en).toContain("Baseline (2023): 1.72 billion yuan");
    expect(en).toContain("2025 milestone: 2.2 billion yuan");
    expect(en).toContain("/update target 3 22亿元");
    expect(await say("/target")).toContain("2. 有效商标注册量: 49,000 件 → — → 62,000 件 (2025) → 70,000 件 (2026) · no data");
    await services.store.updateChannel("console", "room-lang", { locale: "zh-TW" });
    const tw = await say("/target 3");
    expect(tw).toContain("基線（2023年）：17.2億元");
    expect(tw).toContain("2025年目標：22億元");
    expect(await say("/target 貫標")).toContain("狀態：暫無資料");
  });

  it("a plan without targets says so; no plan chosen asks for one", async () => {
    const { say } = await setup("room-none", "无指标");
    expect(await say("/target")).toContain("计划“无指标方案”没有量化指标。");
    const { services } = testServices(t.db);
    expect(await chat(targetDispatcher(services), { channelId: "room-fresh" })("/target")).toContain("/plan use");
  });

  it("is a native slash command with a target option that autocompletes", () => {
    expect(target.slash?.options).toEqual([expect.objectContaining({ name: "target", type: "string", required: false, autocomplete: "target" })]);
    expect(target.aliases).toEqual(expect.arrayContaining(["指标", "指標", "目标", "目標"]));
  });
});
