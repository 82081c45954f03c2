import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractTargets, type SourceLine } from "../../src/importer/targets.ts";

const TOKENS = [
  "达到", "以上", "以内", "不低于", "超过", "增长", "年均增长", "压减", "提高到", "由", "分别", "占", "比重", "的",
  "万", "亿", "千", "件", "家", "%", "个", "元", "人次", "—", "——", "-", "，", "。", "、", "：", "；", "（", "）",
  "2023年", "2024年", "2025年", "2026年", "到2026年", "1", "2", "5", "9", ".", "0", "一", "三", "两", "十",
  "知识产权", "专利", "商标", "拥有量", "企业", "培育", "建成", "举办", "培训", "指标名称", "单位", "序号",
  "二、", "（三）", "1.", "发展目标", "主要目标", "重点任务", "萬", "億", "達到", "１", "５", " ", "  ", "\t",
];

const line = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 }).map((t) => t.join("")) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
);
const year = fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: null });

describe("extractTargets properties", () => {
  it("never throws and returns well-formed targets on arbitrary documents", () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 25 }),
        fc.array(fc.record({ number: fc.string({ maxLength: 3 }), startLine: fc.integer({ min: -2, max: 30 }), endLine: fc.integer({ min: -2, max: 30 }) }), {
          maxLength: 4,
        }),
        fc.record({ periodStart: year, periodEnd: year, issuedYear: year }),
        (texts, tasks, context) => {
          const lines: SourceLine[] = texts.map((text, i) => ({ no: i + 1, text }));
          const { targets, warnings } = extractTargets(lines, tasks, context);
          for (const t of targets) {
            expect(t.name.trim()).not.toBe("");
            expect(t.milestones.length).toBeGreaterThan(0);
            for (const m of t.milestones) {
              expect(Number.isInteger(m.year)).toBe(true);
              expect(Number.isFinite(m.value)).toBe(true);
              if (m.valueMax !== undefined) expect(m.valueMax).toBeGreaterThan(m.value);
            }
            expect(new Set(t.milestones.map((m) => m.year)).size).toBe(t.milestones.length);
            expect([">=", "<=", ">", "="]).toContain(t.comparator);
            expect(["level", "growth", "reduction", "share"]).toContain(t.kind);
          }
          for (const w of warnings) {
            expect(w.line >= 1 && w.line <= Math.max(1, lines.length)).toBe(true);
            // extractTargets turns an internal error into this warning; none should happen.
            expect(w.message).not.toMatch(/^targets could not be read/);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("gives the same targets whatever order the lines arrive in", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (texts) => {
        const lines: SourceLine[] = texts.map((text, i) => ({ no: i + 1, text }));
        const ctx = { periodStart: 2024, periodEnd: 2026, issuedYear: 2024 };
        expect(extractTargets([...lines].reverse(), [], ctx)).toEqual(extractTargets(lines, [], ctx));
      }),
    );
  });
});
