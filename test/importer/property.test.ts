import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePlanDocument } from "../../src/importer/index.ts";
import { ImportError, type ImportResult } from "../../src/importer/types.ts";

const SEEDS = path.resolve(import.meta.dirname, "../../seeds");
const seedLines = readdirSync(SEEDS)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => readFileSync(path.join(SEEDS, f), "utf8").split("\n"));

/** Runs the importer; returns the result, or null for an ImportError; rethrows anything else. */
function attempt(input: Buffer | string): ImportResult | null {
  try {
    return parsePlanDocument(input);
  } catch (err) {
    if (err instanceof ImportError) return null;
    throw err;
  }
}

function checkWellFormed(result: ImportResult | null): void {
  if (result === null) return;
  expect(result.plans.length).toBeGreaterThan(0);
  const slugs = result.plans.map((p) => p.slug);
  expect(new Set(slugs).size).toBe(slugs.length);
  for (const plan of result.plans) {
    expect(plan.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(plan.tasks.length).toBeGreaterThan(0);
    const numbers = plan.tasks.map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const unitNames = new Set(plan.units.map((u) => u.name));
    expect(unitNames.size).toBe(plan.units.length);
    for (const t of plan.tasks) {
      expect(t.number).toMatch(/^\d+(\.\d+)*$/);
      for (const u of t.units) expect(unitNames.has(u.name)).toBe(true);
    }
    for (const w of plan.warnings) expect(Number.isInteger(w.line)).toBe(true);
    expect(() => JSON.stringify(plan)).not.toThrow();
  }
}

const TOKENS = [
  "\n", "\n", "一、", "二、", "（一）", "(二)", "1.", "2．", "3、", "（1）", "①", "专栏1 ", "附件", "附件：",
  "（", "）", "〔", "〕", "(", ")", "【", "】", "，", "、", "。", "；", ":", "：",
  "市知识产权局", "市市场监管局", "科技局", "财政局", "各区政府", "各县、区人民政府", "领导小组成员单位",
  "牵头", "负责", "配合", "分别负责", "按职责分工负责", "局内：", "省份：", "执行单位。", "必做", "选做",
  "含", "下同", "关于印发", "的通知", "工作方案", "（2024—2026年）", "2021年5月前", "每年12月15日前",
  "到2025年", "组  长：", "马  军  市长", "阅读:12", "{{ v.title }}", "首页 > 新闻", "特此通知",
  "國家知識產權局", "執行單位", "負責", "牽頭", "蚌埠市", "2016年10月13日", "雅提", "　", " ", "\u0000", "\uFFFD",
];

describe("the importer on arbitrary input", () => {
  it("never throws anything but ImportError on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => checkWellFormed(attempt(text))),
      { numRuns: 300 },
    );
  });

  it("never throws anything but ImportError on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => checkWellFormed(attempt(Buffer.from(bytes)))),
      { numRuns: 300 },
    );
  });

  it("holds on plan-like token soup", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), (tokens) => checkWellFormed(attempt(tokens.join("")))),
      { numRuns: 400 },
    );
  });

  it("holds on seeds cut, shuffled and sprinkled with junk", () => {
    const mutated = fc
      .record({
        seed: fc.integer({ min: 0, max: seedLines.length - 1 }),
        start: fc.nat(),
        length: fc.integer({ min: 1, max: 80 }),
        junk: fc.array(fc.tuple(fc.nat(), fc.constantFrom("雅提設", "\u200b", "（", "〕", "負責）", "\r")), { maxLength: 6 }),
        shuffle: fc.boolean(),
      })
      .map(({ seed, start, length, junk, shuffle }) => {
        const lines = seedLines[seed]!;
        const from = start % lines.length;
        let part = lines.slice(from, from + length);
        if (shuffle) part = [...part].reverse();
        let text = part.join("\n");
        for (const [at, s] of junk) {
          const i = text.length === 0 ? 0 : at % text.length;
          text = text.slice(0, i) + s + text.slice(i);
        }
        return text;
      });
    fc.assert(fc.property(mutated, (text) => checkWellFormed(attempt(text))), { numRuns: 150 });
  });
});
