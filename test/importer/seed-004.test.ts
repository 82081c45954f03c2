import { describe, expect, it } from "vitest";
import { roles, seed, task, unitsOf, warningsAbout } from "./seed-helpers.ts";

// 004: two documents in one web page — the 2019 task list (局内:/省份:/国家知识产权局: lines)
// and, after it, a notice handing out the 2019 work guide, whose items end with (X司负责).
const result = seed("004");
const [tasks, guide] = result.plans;
const dept = (...n: string[]): string[] => roles("department", ...n);
const PROV = "各省份:executor";

const LIST: Record<string, [string[], boolean | null, string | null]> = {
  "1": [dept("条法司", "专利局审业部", "专利局自动化部", "商标局"), null, null],
  "2": [[...dept("条法司", "战略规划司", "运用促进司", "专利局审业部", "专利局文献部"), PROV], true, null],
  "3": [[...dept("商标局"), PROV], true, "商标审查协作中心涉及省份必做"],
  "4": [[...dept("条法司", "保护司", "运用促进司", "专利局审业部", "商标局"), PROV], true, null],
  "5": [[...dept("保护司", "专利局审业部"), PROV], true, "知识产权保护中心涉及省份必做;其他省份选做"],
  "6": [[...dept("保护司"), PROV], true, null],
  "7": [[...dept("运用促进司"), PROV], true, "涉及省份必做;其他省份选做"],
  "8": [[...dept("运用促进司"), PROV], true, "知识产权强省建设试点省必做;其他省份选做\n涉及省份必做;其他省份选做"],
  "9": [[...dept("运用促进司"), PROV], true, null],
  "10": [[...dept("公共服务司", "专利局自动化部", "专利局文献部", "商标局"), PROV], true, "知识产权强省建设试点省必做;其他省份选做"],
  "11": [[...dept("公共服务司"), PROV], true, null],
  "12": [[...dept("保护司", "专利局审业部"), PROV], true, null],
  "13": [[...dept("保护司", "运用促进司", "商标局"), PROV], true, null],
  "14": [[...dept("运用促进司"), PROV], true, null],
  "15": [[...dept("国际合作司"), PROV], true, "“一带一路”相关省份必做;其他省份选做"],
  "16": [[...dept("国际合作司", "公共服务司", "专利局文献部"), PROV], true, "涉及省份必做;其他省份选做"],
  "17": [[...dept("办公室"), PROV], true, null],
  "18": [[...dept("人事司"), PROV], true, null],
};

describe("seed 004 — CNIPA 2019 task list and work guide", () => {
  it("makes two plans: the task list and the guide (whose notice is its metadata)", () => {
    expect(result.plans).toHaveLength(2);
    expect(tasks).toMatchObject({
      slug: "cnipa-2019-tasks",
      title: "2019年推动知识产权高质量发展任务清单",
      issuer: "国家知识产权局",
      period: { start: 2019, end: 2019 },
    });
    expect(guide).toMatchObject({
      slug: "cnipa-2019-guide",
      title: "推动知识产权高质量发展年度工作指引(2019)",
      issuer: "国家知识产权局",
      issuedOn: "2019-06-06",
      period: { start: 2019, end: 2019 },
    });
  });

  it("dates the unsigned task list by the page's publication time, and says so", () => {
    expect(tasks!.issuedOn).toBe("2019-06-11");
    expect(warningsAbout(tasks!, /publication date/)).toEqual([3]);
  });

  it("task list: 18 tasks with 局内 departments (parent-qualified) and the 省份 requirement", () => {
    expect(tasks!.tasks.map((t) => t.number)).toEqual(Object.keys(LIST));
    expect(task(tasks!, "3").title).toBe("开展“商标审查质量提升年”行动");
    expect(task(tasks!, "8").title).toBe("助力产业转型升级");
    for (const t of tasks!.tasks) {
      const [units, required, note] = LIST[t.number]!;
      expect(unitsOf(t), `task ${t.number}`).toEqual(units);
      expect(t.required, `task ${t.number}`).toBe(required);
      expect(t.requirementNote, `task ${t.number}`).toBe(note);
      expect(t.section).toBeNull();
    }
    expect(warningsAbout(tasks!, /requirement lines for one task \(lines 120, 122\)/)).toEqual([122]);
  });

  it("task list: text keeps the 国家知识产权局 and 各地 paragraphs and stops before the notice", () => {
    const last = task(tasks!, "18").text;
    expect(last.startsWith("加强各类知识产权人才培养\n局内:人事司\n省份:各省份必做\n国家知识产权局:推动完善知识产权职称制度。")).toBe(true);
    expect(last).not.toContain("通知");
    expect(tasks!.tasks.some((t) => t.title === "七大举措")).toBe(false);
  });

  it("guide: items (一)…(九) with the units named after each paragraph", () => {
    const expected: [string, string, string[]][] = [
      ["1", "形成推动知识产权高质量发展的核心指标", ["战略规划司"]],
      ["2", "建立知识产权运用综合评价指标体系", ["运用促进司"]],
      ["3", "构建区域差异化的指标体系", ["各地方知识产权局"]],
      ["4", "强化知识产权战略谋划与顶层设计", ["联席办", "战略规划司", "运用促进司"]],
      ["5", "加强知识产权宏观管理与政策研究", ["办公室", "条法司", "公共服务司", "人事司", "国际合作司"]],
      ["6", "完善知识产权保护政策体系", ["条法司", "保护司"]],
      ["7", "完善知识产权运用促进政策体系", ["运用促进司"]],
      ["8", "完善知识产权统计工作机制", ["战略规划司"]],
      ["9", "提高知识产权统计数据质量", ["战略规划司"]],
    ];
    expect(guide!.tasks.map((t) => [t.number, t.title, t.units.map((u) => u.name)])).toEqual(expected);
    for (const t of guide!.tasks) {
      expect(t.units.every((u) => u.role === "responsible")).toBe(true);
      expect(t.required).toBeNull();
    }
    expect(task(guide!, "1").section).toBe("明确推动知识产权高质量发展的指标体系");
    expect(task(guide!, "4").section).toBe("完善推动知识产权高质量发展的政策体系");
    expect(task(guide!, "9").section).toBe("形成推动知识产权高质量发展的统计体系");
  });

  it("guide: the web-page footer is not part of the last sections", () => {
    expect(task(guide!, "9").text).not.toMatch(/\{\{|相关文章|立即购买/);
    expect(warningsAbout(guide!, /footer/)).toEqual([352]);
  });

  it("lists each plan's units once", () => {
    for (const p of result.plans) {
      const names = p.units.map((u) => u.name);
      expect(new Set(names).size).toBe(names.length);
    }
    expect(tasks!.units.map((u) => u.name)).toEqual(
      expect.arrayContaining(["专利局审业部", "专利局自动化部", "专利局文献部", "各省份"]),
    );
    expect(tasks!.units.map((u) => u.name)).not.toContain("自动化部");
  });
});
