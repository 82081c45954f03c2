import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mention } from "../../src/core/reply.ts";
import { splitText } from "../../src/core/text/split.ts";

/** Text the way replies are made: Chinese and English words, punctuation, line breaks and mentions (long names too). */
const piece = fc.oneof(
  fc.constantFrom("任务", "进度", "已完成", "市场监管局", "report", "done", "，", "。", "、", " ", "\n", "；", "60%", "😀"),
  fc.tuple(fc.stringMatching(/^[A-Z0-9]{1,12}$/), fc.string({ minLength: 1, maxLength: 150 })).map(([id, name]) => mention("slack", id, name)),
);
const text = fc.array(piece, { minLength: 1, maxLength: 400 }).map((parts) => parts.join(""));

const TOKEN = /<@[a-z]+:[^|>]+\|[^>]*>/g;
const squeeze = (s: string) => s.replace(/\s+/g, "");

describe("the one text splitter", () => {
  it("keeps every piece within the limit, loses nothing but white space at the cuts, and never cuts a mention", () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 200, max: 2000 }), (t, limit) => {
        const parts = splitText(t, limit);
        for (const p of parts) expect(p.length).toBeLessThanOrEqual(limit);
        expect(squeeze(parts.join(""))).toBe(squeeze(t));
        // Each mention of the text is whole in one piece, in order.
        const whole = [...t.matchAll(TOKEN)].map((m) => m[0]);
        const kept = parts.flatMap((p) => [...p.matchAll(TOKEN)].map((m) => m[0]));
        expect(kept).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("a mention whose name runs far past the cut moves whole to the next piece", () => {
    const long = mention("dingtalk", "manager4220", "很长的名字".repeat(30));
    const t = `${"进度报告".repeat(49)}${long} 已完成`;
    const parts = splitText(t, 200);
    expect(parts.some((p) => p.includes(long))).toBe(true);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(200);
  });
});
