import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recognizeUpdate, type Reading, type Recognition } from "../../../src/core/recognize/index.ts";
import { CTX, MENTIONED } from "./fixtures.ts";

/**
 * "What is stored is what was confirmed", at its source: a note is the sender's own text. It may
 * leave out the task reference, the value, separators and emoji, but it never changes a
 * character (full-width punctuation, Traditional characters, spelling) and never reorders.
 */
const PIECES = [
  "任务", "任務", "#", "＃", "第", "项", "号", "task ", "7", "８", "七", "12", "完成", "已完成", "受阻", "卡住", "进度",
  "60%", "６０％", "45%", "由30%提升到", "done", "blocked", "，", ",", "。", "．", "！", "!", "：", ":", "；", "、", "（", "）",
  "(", ")", "“", "”", "「", "」", "……", "—", "～", "~", " ", "　", "\n", "✅", "😀", "场地已选定", "驗收通過", "经费到位",
  "缺经费", "等待批复", "附件见群文件", "OK", "ｏｋ", "第二批", "3月", "和", "及",
];
const pieces = (max: number) => fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: max }).map((p) => p.join(""));
/** An update with a note around it (most notes), or any run of pieces. */
const update = fc
  .tuple(
    pieces(4),
    fc.constantFrom("任务7", "#7 ", "任務８", "第12项", "task 7 ", "7号任务", "任务7和任务8"),
    fc.constantFrom(" ", "，", "：", ""),
    fc.constantFrom("完成", "已完成", "受阻", "60%", "６０％", "由30%提升到45%", "done", "进度45%"),
    pieces(8),
  )
  .map((p) => p.join(""));
const message = fc.oneof(update, pieces(12));

function readings(r: Recognition): Reading[] {
  if (r.kind === "task" || r.kind === "target") return [r];
  if (r.kind === "tasks") return r.updates;
  return [];
}

/** Every non-space character of `note`, in order, is a character of `text`. */
function isOwnText(note: string, text: string): boolean {
  const chars = [...text];
  let i = 0;
  for (const c of note) {
    if (/\s/u.test(c)) continue;
    while (i < chars.length && chars[i] !== c) i++;
    if (i === chars.length) return false;
    i++;
  }
  return true;
}

describe("notes keep the sender's own characters", () => {
  it("every note (single task, several tasks, target) is the sender's text, characters unchanged and in order", () => {
    let notes = 0;
    fc.assert(
      fc.property(message, fc.boolean(), (text, mentioned) => {
        for (const r of readings(recognizeUpdate(text, mentioned ? MENTIONED : CTX))) {
          if (r.note === null) continue;
          notes++;
          expect(isOwnText(r.note, text), `note ${JSON.stringify(r.note)} of ${JSON.stringify(text)}`).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    expect(notes).toBeGreaterThan(50);
  });

  it.each([
    ["#7 60% 场地已选定，正在装修；预计下月验收", "场地已选定，正在装修；预计下月验收"],
    ["任務7 已完成，驗收通過", "驗收通過"],
    ["#7 60% 场地:已选定, 装修中", "场地:已选定, 装修中"],
    ["任务7 受阻（等待批复）", "等待批复"],
    ["任务7 受阻 缺经费（详见附件）。", "缺经费（详见附件）"],
    ["任务7 受阻 见「第二批", "见「第二批"],
    ["任务7完成，任务8受阻 缺经费、缺场地", null],
  ])("%s → note %s", (text, note) => {
    const [first, ...rest] = readings(recognizeUpdate(text, CTX));
    if (note === null) {
      expect(rest.at(-1)?.note).toBe("缺经费、缺场地");
    } else {
      expect(first?.note).toBe(note);
    }
  });
});
