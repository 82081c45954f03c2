import { describe, expect, it } from "vitest";
import { seed, task, unitsOf, warningsAbout } from "./seed-helpers.ts";

// 000: Traditional Chinese; a notice (lines 2–7) wrapping the plan; stray characters inside
// sentences; the second half (lines 64–108) repeats lines 19–63 with a few differences.
const result = seed("000");
const plan = result.plans[0]!;

describe("seed 000 — 2018 national demonstration-city plan (Traditional)", () => {
  it("is one plan: the notice in front of it is its metadata, not a second plan", () => {
    expect(result.plans).toHaveLength(1);
    expect(plan).toMatchObject({
      slug: "cnipa-2018",
      title: "2018年國家智慧財產權示範城市工作計畫",
      issuer: "國家知識產權局辦公室",
      issuedOn: "2018-03-15",
      period: { start: 2018, end: 2018 },
    });
  });

  it("has the eight work items of 三、工作任務 once each, numbered 1–8", () => {
    expect(plan.tasks.map((t) => t.number)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(plan.tasks.map((t) => t.title)).toEqual([
      "全面提升專利質量",
      "全面從嚴保護智慧財產權",
      "加快智慧財產權運營服務體系建設",
      "不斷創新智慧財產權金融服務",
      "全面提升企事業單位智慧財產權管理水平",
      "大力培育強縣工程試點示範縣(區)",
      "進一步完善智慧財產權公共服務體系",
      "深入開展智慧財產權助力創新創業",
    ]);
    for (const t of plan.tasks) expect(t.section).toBe("工作任務");
  });

  it("gives every task its 執行單位 as executor, in the document's script", () => {
    for (const t of plan.tasks) expect(unitsOf(t)).toEqual(["各示範城市知識產權局:executor"]);
    expect(plan.units).toEqual([{ name: "各示範城市知識產權局", aliases: [] }]);
  });

  it("reads 必做 / 選做", () => {
    expect(plan.tasks.map((t) => t.required)).toEqual([true, true, true, true, true, true, false, false]);
    for (const t of plan.tasks) expect(t.requirementNote).toBeNull();
  });

  it("keeps the cleaner copy of lines that the repeat shows to hold stray characters", () => {
    const one = task(plan, "1").text;
    expect(one).toContain("相匹配。依託國家智慧財產權運營平台體系");
    expect(one).not.toContain("您烏捆設");
    const two = task(plan, "2").text;
    expect(two).toContain("2.工作措施。強化執法隊伍建設");
    expect(two).not.toContain("擊永熱");
    expect(warningsAbout(plan, /stray characters/)).toEqual(expect.arrayContaining([16, 19, 24]));
    expect(warningsAbout(plan, /repeat lines 19–63/)).toEqual([64]);
  });

  it("keeps each task's full text, sub-items included, and nothing of the repeat", () => {
    const three = task(plan, "3").text;
    expect(three.startsWith("加快智慧財產權運營服務體系建設\n1.工作目標。")).toBe(true);
    expect(three).toContain("選取核心區域、圍繞重點產業實施產業規劃類和企業運營類專利導航項目");
    expect(three).toContain("4.工作支持。開展針對示範城市重點運營機構的專利運營培訓");
    expect(task(plan, "8").text).not.toContain("保障措施");
    expect(plan.tasks.some((t) => t.text.includes("提供政策傾斜支持"))).toBe(false);
  });

  it("has no deadlines (none are written) and no contacts", () => {
    for (const t of plan.tasks) expect(t.deadlines).toEqual([]);
    expect(plan.contacts).toBeUndefined();
  });
});
