import { describe, expect, it } from "vitest";
import { formatReplyText } from "../../src/adapters/console/format.ts";
import { translator, type Locale } from "../../src/core/i18n/index.ts";
import { buildDigest } from "../../src/digest/build.ts";
import { NOW, sampleData, task, WINDOW } from "./data.ts";

const render = (locale: Locale, data = sampleData(), cap?: number) =>
  formatReplyText(buildDigest(data, { locale, now: NOW, timezone: "Asia/Shanghai", staleDays: 14, window: WINDOW, cap }), translator(locale));

describe("digest content", () => {
  it("has every section, with owners mentioned where action is needed", () => {
    const text = render("zh-CN");
    expect(text).toContain("【样例市知识产权强市建设工作方案 · 督办简报】");
    expect(text).toContain("统计区间：2026-11-16 09:00 至 2026-11-20 10:00");
    expect(text).toMatch(/█{5}░{15} 1\/4 项已完成（25%）/);
    expect(text).toMatch(/已完成：1\n推进中：1\n未启动：1\n受阻：1/);
    expect(text).toContain("知识产权质押融资额：基线 12亿元（2023） · 最新 26亿元（2026-11-18） · 2026年目标 25亿元 · ✅ 已达成");
    expect(text).toContain("任务 2 · 任务标题2 — 张三（11-17）：推进中，60%，已完成初稿");
    expect(text).toContain("指标 · 知识产权质押融资额 — 张三（11-18）：报告数值 26亿元");
    expect(text).toContain("【已逾期（1 项）】\n• 任务 3 · 任务标题3 — 期限 2026-06-30，已逾期 143 天 @李四");
    expect(text).toMatch(/超过 14 天未更新（2 项）】\n• 任务 3 · 任务标题3 — 最近更新 2026-10-01（50 天前） @李四\n• 任务 4 · 任务标题4 — 从未更新 （市中级法院）/);
    expect(text).toContain("【未来 14 天到期（1 项）】\n• 任务 2 · 任务标题2 — 期限 2026-11-30（还剩 10 天）@张三");
    expect(text).toContain("【本期未报送的单位（2 个）】\n市公安局、市中级法院");
  });

  it("speaks Traditional Chinese and English", () => {
    expect(render("zh-TW")).toContain("本期未回報的單位（2 個）");
    const en = render("en");
    expect(en).toContain("1/4 tasks done (25%)");
    expect(en).toContain("Overdue (1)");
    expect(en).toContain("Units that have not reported this period (2)");
    expect(en).toContain("baseline 1.2 billion yuan (2023) · latest 2.6 billion yuan (2026-11-18) · 2026 milestone 2.5 billion yuan · ✅ achieved");
    expect(en).toContain("— 张三 (11-17): In progress, 60%, 已完成初稿");
    expect(en).toContain("never updated (市中级法院)");
    expect(en).not.toMatch(/[（），；]|项|逾期/);
  });

  it("leaves retracted updates out of the period and says so when nothing was reported", () => {
    const data = sampleData();
    data.updates = [];
    expect(render("zh-CN", data)).toContain("本期没有新的进展报告。");
  });

  it("caps long sections and keeps every list block small", () => {
    const data = sampleData();
    data.tasks = Array.from({ length: 300 }, (_, i) => task(i + 1, "not_started"));
    data.activity = new Map();
    const reply = buildDigest(data, { locale: "zh-CN", now: NOW, timezone: "Asia/Shanghai", staleDays: 14, window: WINDOW });
    for (const b of reply.blocks) if (b.type === "list") expect(b.items.length).toBeLessThanOrEqual(10);
    expect(formatReplyText(reply, translator("zh-CN"))).toContain("……另有 285 项");
    expect(JSON.stringify(reply).length).toBeLessThan(20_000);
  });
});

describe("deadlines in the next 14 days", () => {
  it("include yearly ones (this year's occurrence) and the plan's own, soonest first", () => {
    const data = sampleData();
    data.tasks[0] = task(1, "in_progress", { deadlines: [{ text: "每年12月1日前报送年度总结", date: null, recurrence: "yearly" }] });
    data.planDeadlines = [
      { text: "每年11月25日前报送统计数据", date: null, recurrence: "yearly" },
      { text: "每年3月底前报送计划", date: null, recurrence: "yearly" },
    ];
    const out = render("zh-CN", data);
    const section = out.slice(out.indexOf("未来 14 天到期"));
    expect(section).toMatch(/全计划 · 每年11月25日前报送统计数据 — 期限 2026-11-25（还剩 5 天）/);
    expect(section).toMatch(/任务 1 · .* — 期限 2026-12-01（还剩 11 天）/);
    expect(section.indexOf("全计划")).toBeLessThan(section.indexOf("任务 1 ·"));
    expect(section).not.toContain("3月底");
  });
});
