import { describe, expect, it } from "vitest";
import { formatReplyText } from "../../src/adapters/console/format.ts";
import { translator, type Locale } from "../../src/core/i18n/index.ts";
import { buildDigest } from "../../src/digest/brief.ts";
import { buildDigestDetail } from "../../src/digest/build.ts";
import { li, NOW, sampleData, task, update, WINDOW, zhang } from "./data.ts";

const render = (locale: Locale, data = sampleData(), cap?: number) =>
  formatReplyText(buildDigestDetail(data, { locale, now: NOW, timezone: "Asia/Shanghai", staleDays: 14, window: WINDOW, cap }), translator(locale));

describe("digest full detail", () => {
  it("has every section, with owners named (not mentioned) where action is needed", () => {
    const text = render("zh-CN");
    expect(text).toContain("【样例市知识产权强市建设工作方案 · 督办简报】");
    expect(text).toContain("统计区间：2026-11-16 09:00 至 2026-11-20 10:00");
    expect(text).toMatch(/█{5}░{15} 1\/4 项已完成（25%）/);
    expect(text).toMatch(/已完成：1\n推进中：1\n未启动：1\n受阻：1/);
    expect(text).toContain("知识产权质押融资额：基线 12亿元（2023） · 最新 26亿元（2026-11-18） · 2026年目标 25亿元 · ✅ 已达成");
    expect(text).toContain("任务 2 · 任务标题2 — 张三（11-17）：推进中，60%，已完成初稿");
    expect(text).toContain("指标 · 知识产权质押融资额 — 张三（11-18）：报告数值 26亿元");
    expect(text).toContain("【已逾期（1 项）】\n• 任务 3 · 任务标题3 — 期限 2026-06-30，已逾期 143 天 李四");
    expect(text).toMatch(/超过 14 天未更新（2 项）】\n• 任务 3 · 任务标题3 — 最近更新 2026-10-01（50 天前） 李四\n• 任务 4 · 任务标题4 — 从未更新 （市中级法院）/);
    expect(text).toContain("【未来 14 天到期（1 项）】\n• 任务 2 · 任务标题2 — 期限 2026-11-30（还剩 10 天）张三");
    expect(text).toContain("【本期未报送的单位（2 个）】\n市公安局、市中级法院");
    expect(JSON.stringify(buildDigestDetail(sampleData(), { locale: "zh-CN", now: NOW, timezone: "Asia/Shanghai", staleDays: 14, window: WINDOW }))).not.toContain("<@");
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
    const reply = buildDigestDetail(data, { locale: "zh-CN", now: NOW, timezone: "Asia/Shanghai", staleDays: 14, window: WINDOW });
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

describe("digest channel message (phone-sized)", () => {
  const brief = (data = sampleData(), locale: Locale = "zh-CN") =>
    buildDigest(data, { locale, now: NOW, timezone: "Asia/Shanghai", staleDays: 14, window: WINDOW });

  it("shows counts, changes, what needs attention, targets behind pace and the units to follow up", () => {
    const text = formatReplyText(brief(), translator("zh-CN"));
    expect(text).toBe(
      [
        "【样例市知识产权强市建设工作方案 · 督办简报】",
        "  统计区间：2026-11-16 09:00 至 2026-11-20 10:00",
        "███░░░░░░░ 1/4 项已完成（25%）· 推进中 1 · 未启动 1 · 受阻 1",
        "【本期变化】",
        "• 2 条进展，涉及 1 项任务、1 个指标",
        "【需要关注】",
        "• 已逾期 1 项：任务 3",
        "• 受阻 1 项：任务 3",
        "• 超过 14 天未更新 2 项",
        "• 未来 14 天到期 1 项：任务 2",
        "【落后于进度的指标（0/1 个）】",
        "  所有指标均未落后（或尚无数据）。",
        "【请以下单位跟进（2 个）】",
        "• 市公安局 @李四：逾期 任务 3；受阻 任务 3；1 项未更新",
        "• 市中级法院：1 项未更新",
        "  数据截至 2026-11-20 10:00（Asia/Shanghai）· 完整明细：/digest full",
        "[查看完整简报] " + translator("zh-CN")("button.commandHint", { command: "/digest full" }),
      ].join("\n"),
    );
  });

  it("stays within 24 lines and mentions each person once on a plan with 300 tasks and 40 units", () => {
    const data = sampleData();
    const units = Array.from({ length: 40 }, (_, i) => ({ unitId: 100 + i, name: `单位${i}`, role: "lead" as const }));
    data.tasks = Array.from({ length: 300 }, (_, i) =>
      task(i + 1, i % 3 === 0 ? "blocked" : "in_progress", {
        units: [units[i % 40]!, units[(i + 7) % 40]!],
        deadlines: [{ text: "2026年6月底前", date: "2026-06-30", recurrence: null }],
      }),
    );
    // One person in every unit, and one person in all of them.
    data.members = [
      ...units.map((u, i) => ({ unitId: u.unitId, member: { ...zhang, id: 500 + i, platformUserId: `P${i}`, displayName: `人${i}` }, locale: null, remindPausedUntil: null })),
      ...units.map((u) => ({ unitId: u.unitId, member: li, locale: null, remindPausedUntil: null })),
    ];
    data.targets = Array.from({ length: 20 }, (_, i) => ({ ...data.targets[0]!, id: 200 + i, name: `指标${i}`, latest: { ...data.targets[0]!.latest!, value: 1e8 } }));
    data.updates = data.tasks.slice(0, 60).map((x, i) => update(i + 1, x.id, zhang, "2026-11-17T02:00:00Z", { status: i % 2 ? "done" : "blocked" }));
    const reply = brief(data);
    const text = formatReplyText(reply, translator("zh-CN"));
    expect(text.split("\n").length).toBeLessThanOrEqual(24);
    expect(text).toContain("已逾期 300 项：任务 1、2、3、4、5 等 300 项");
    expect(text).toMatch(/落后于进度的指标（20\/20 个）】\n• 指标0：最新 1亿元 · 2026年目标 25亿元 · 🔴 /);
    expect(text).toContain("……另有 17 项");
    expect(text).toContain("……另有 36 个单位，见完整简报");
    const tokens = JSON.stringify(reply).match(/<@slack:[^|>]+/g) ?? [];
    expect(tokens.length).toBeGreaterThan(3);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens.filter((x) => x === "<@slack:U2")).toHaveLength(1);
  });

  it("speaks English", () => {
    const text = formatReplyText(brief(sampleData(), "en"), translator("en"));
    expect(text).toContain("1/4 tasks done (25%) · in progress 1 · not started 1 · blocked 1");
    expect(text).toContain("• 市公安局 @李四: overdue tasks 3; blocked tasks 3; 1 without update");
    expect(text).not.toMatch(/[（），；]|项|逾期/);
  });
});
