import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recognizeUpdate } from "../../../src/core/recognize/index.ts";
import { parseChineseInteger } from "../../../src/core/text/numerals.ts";
import { toSimplified } from "../../../src/core/text/script.ts";
import { foldPunctuation } from "../../../src/core/text/width.ts";
import { CTX, MENTIONED } from "./fixtures.ts";

const norm = (s: string): string => toSimplified(foldPunctuation(s)).toLowerCase();

/**
 * Independent, deliberately looser oracle: some spelling of `n` in the text sits next to an
 * explicit task marker (#, 任务, task, item, No., 第…项/条, …号).
 */
function hasExplicitReference(text: string, n: number): boolean {
  const s = norm(text);
  for (const m of s.matchAll(/\d+|[零〇一二两三四五六七八九十百]+/g)) {
    if (parseChineseInteger(m[0]) !== n) continue;
    const before = s.slice(0, m.index);
    const after = s.slice(m.index + m[0].length);
    if (/(?:#|任务|task|tasks|item|items|no\.)\s*(?:#|no\.?|第|number)?\s*$/.test(before)) return true;
    if (/第\s*$/.test(before) && /^\s*(?:项|条|个任务|号任务)/.test(after)) return true;
    if (/^\s*号/.test(after)) return true;
  }
  return false;
}

function hasNameFragment(text: string, name: string): boolean {
  const s = norm(text);
  const n = norm(name);
  for (let i = 0; i + 2 <= n.length; i++) if (s.includes(n.slice(i, i + 2))) return true;
  return false;
}

const PIECES = [
  "任务", "任務", "#", "＃", "第", "项", "條", "号", "號", "task ", "Task", "No.", "item ", "7", "７", "七", "12", "二十六",
  "27", "0", "3", "13800138000", "2024年", "3点", "完成", "已完成", "完成了", "受阻", "卡住", "开始", "已启动", "进度",
  "進度", "60%", "100%", "0%", "６０％", "百分之", "八十", "done", "blocked", "started", "预计", "要", "明天", "吗", "?",
  "质押融资", "質押融資", "专员", "满意度", "商标", "专利", "PCT", "18.6", "亿元", "万件", "件", "人", "家", "%", " ", "　",
  ",", "，", "。", "\n", ":", "、", "和", "✅", "😀", "🎉", "<@U1>", "@督办", "保护中心", "缺经费", "会议", "我们",
];

const message = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join("")),
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);

describe("recognizeUpdate properties", () => {
  it("never throws and always returns a well-formed result", () => {
    fc.assert(
      fc.property(message, fc.boolean(), (text, mentioned) => {
        const r = recognizeUpdate(text, mentioned ? MENTIONED : CTX);
        expect(["none", "task", "tasks", "target", "ambiguous"]).toContain(r.kind);
        for (const u of r.kind === "task" ? [r] : r.kind === "tasks" ? r.updates : []) {
          expect(CTX.taskNumbers).toContain(u.taskNumber);
          if (u.percent !== null) expect(u.percent >= 0 && u.percent <= 100).toBe(true);
          if (u.note !== null) expect(u.note.trim()).not.toBe("");
        }
        if (r.kind === "tasks") expect(new Set(r.updates.map((u) => u.taskNumber)).size).toBe(r.updates.length);
        if (r.kind === "target") expect(Number.isFinite(r.value)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("never reports a task without an explicit reference to that number", () => {
    fc.assert(
      fc.property(message, (text) => {
        const r = recognizeUpdate(text, CTX);
        // One task or several from one message: each number has its own explicit reference.
        const readings = r.kind === "task" ? [r] : r.kind === "tasks" ? r.updates : [];
        for (const u of readings) expect(hasExplicitReference(text, Number(u.taskNumber)), `${u.taskNumber} in ${JSON.stringify(text)}`).toBe(true);
      }),
      { numRuns: 600 },
    );
  });

  it("never reports a target whose name has no fragment in the text", () => {
    fc.assert(
      fc.property(message, (text) => {
        const r = recognizeUpdate(text, CTX);
        if (r.kind === "target") {
          const name = CTX.targets.find((t) => t.id === r.targetId)!.name;
          expect(hasNameFragment(text, name)).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it("stays sane on hostile messages and contexts", () => {
    const odd = {
      taskNumbers: ["1", " 2 ", "x"],
      targets: [{ id: 1, name: "", unit: "" }, { id: 2, name: "量", unit: "万" }],
    };
    expect(recognizeUpdate("任务2 完成", odd)).toMatchObject({ kind: "task", taskNumber: "2", status: "done" });
    expect(recognizeUpdate("量 5万", odd)).toEqual({ kind: "none" });
    const hostile = [
      "#".repeat(5000),
      "任务".repeat(3000) + "7",
      "\u0000\ud800完成",
      "1".repeat(10_000) + "%",
      "1,".repeat(3000),
      "质押融资" + "9".repeat(400) + "亿元",
    ];
    // Their speed is measured by `npm run bench hostile-input`: a time limit here fails on a busy machine.
    for (const text of hostile) {
      const r = recognizeUpdate(text, CTX);
      expect(r.kind === "none" || r.kind === "ambiguous").toBe(true);
    }
  });
});

const FORMS = [
  (n: number) => `#${n}`,
  (n: number) => `任务${n}`,
  (n: number) => `第${n}项`,
  (n: number) => `${n}号任务`,
  (n: number) => `task ${n}`,
  (n: number) => `Task #${n}:`,
  (n: number) => `No.${n}`,
];
const STATUSES = [
  ["已完成", "done"],
  ["完成了", "done"],
  ["done", "done"],
  ["受阻", "blocked"],
  ["blocked", "blocked"],
  ["已启动", "in_progress"],
  ["in progress", "in_progress"],
  ["还没开始", "not_started"],
] as const;
const toFullWidth = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, "\u3000");

describe("recognizeUpdate: every reference form × status, in any width", () => {
  it("reads the task number and status whatever the decoration", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 26 }),
        fc.constantFrom(...FORMS),
        fc.constantFrom(...STATUSES),
        fc.constantFrom("", " ", "  ", "\u3000", ": "),
        fc.constantFrom("", "✅ ", "  "),
        fc.boolean(),
        (n, form, [word, status], sep, deco, wide) => {
          const text = deco + form(n) + sep + word;
          const r = recognizeUpdate(wide ? toFullWidth(text) : text, CTX);
          expect(r).toEqual({ kind: "task", taskNumber: String(n), status, percent: null, note: null });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("recognizeUpdate: several tasks in one message", () => {
  it("reads one update per task, each with its own status, whatever the forms and the separator", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 26 }), { minLength: 2, maxLength: 2 }),
        fc.constantFrom(...FORMS),
        fc.constantFrom(...FORMS),
        fc.constantFrom(...STATUSES),
        fc.constantFrom(...STATUSES),
        fc.constantFrom("，", "；", "。", "\n", ", ", "; "),
        fc.boolean(),
        ([a, b], formA, formB, [wordA, statusA], [wordB, statusB], joiner, wide) => {
          const text = `${formA(a!)} ${wordA}${joiner}${formB(b!)} ${wordB}`;
          const r = recognizeUpdate(wide ? toFullWidth(text) : text, CTX);
          expect(r, JSON.stringify(text)).toEqual({
            kind: "tasks",
            updates: [
              { kind: "task", taskNumber: String(a), status: statusA, percent: null, note: null },
              { kind: "task", taskNumber: String(b), status: statusB, percent: null, note: null },
            ],
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
