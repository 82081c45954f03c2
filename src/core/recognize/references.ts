import { parseChineseInteger } from "../text/numerals.ts";
import type { Span } from "./normalize.ts";
import { leadingProgressEnd } from "./progress.ts";

/** An explicit reference to a task number found in the normalised text. */
export interface TaskRef extends Span {
  number: number;
}

const CN = "零〇一二两三四五六七八九十百";
const NUM = `(\\d{1,3}(?!\\d)|[${CN}]{1,5})`;
/** CJK characters that may directly follow a reference (`任务7已完成`, `任务七和任务八`). */
const FOLLOW_CJK = "号项和与及跟、的都均也已在正目现当进完受阻卡开启推办暂停搁未尚还没基全按顺遇缺延滞状情最本今这无难因被";

/**
 * strict: the next character must be a boundary or start a progress-ish word;
 * loose: anything but a digit (`#7保护中心`, `#7done`);
 * progress: a progress phrase must follow right away (`7号 开始推进`, not `7号开会`).
 */
type Follow = "strict" | "loose" | "progress";

const TO = "\\s*(?:[-~～—–]|至|到|to|through)\\s*";
/** `7-9号任务`, `任务7至9`, `第7到第9项`, `tasks 7-9`: every number of the range. */
const RANGES: RegExp[] = [
  new RegExp(`(?<![\\d月${CN}])(?<!\\d\\.)${NUM}${TO}${NUM}\\s*号\\s*(?:任务|工作)`, "g"),
  new RegExp(`任务\\s*${NUM}${TO}(?:任务)?\\s*${NUM}(?:\\s*(?:号|项))?`, "g"),
  new RegExp(`第\\s*${NUM}${TO}(?:第)?\\s*${NUM}\\s*(?:项|条|个任务|号任务)(?:任务|工作)?`, "g"),
  /(?<![a-z])(?:tasks|items)\s*(\d{1,3})\s*(?:-|to|through)\s*(\d{1,3})(?!\d)/g,
];
const MAX_RANGE = 30;
/** `第7、8项`, `7、8号任务`: a list of numbers closed by one marker. */
const LISTS: RegExp[] = [
  new RegExp(`第\\s*((?:${NUM.slice(1, -1)})(?:\\s*(?:[、,/]|和|与|及)\\s*第?\\s*(?:${NUM.slice(1, -1)}))+)\\s*(?:项|条|个任务|号任务)(?:任务|工作)?`, "g"),
  new RegExp(`(?<![\\d月${CN}])(?<!\\d\\.)((?:${NUM.slice(1, -1)})(?:\\s*(?:[、,/]|和|与|及)\\s*(?:${NUM.slice(1, -1)}))+)\\s*号\\s*(?:任务|工作)`, "g"),
];

const PATTERNS: { re: RegExp; follow: Follow }[] = [
  { re: /(?<![a-z0-9&])#\s?(\d{1,3})(?!\d)/g, follow: "loose" },
  { re: new RegExp(`任务\\s*(?:#|no\\.?|第)?\\s*${NUM}(?:\\s*(?:号|项))?`, "g"), follow: "strict" },
  { re: new RegExp(`第\\s*${NUM}\\s*(?:项|条|个任务|号任务)(?:任务|工作)?`, "g"), follow: "strict" },
  { re: new RegExp(`(?<![\\d月${CN}])(?<!\\d\\.)${NUM}\\s*号\\s*(?:任务|工作)`, "g"), follow: "strict" },
  { re: /(?<![\d.月周期第])(\d{1,3})\s*号(?!\s*(?:任务|工作))/g, follow: "progress" },
  { re: /(?<![a-z])(?:task|item)s?\s*(?:#|no\.?|number)?\s*(\d{1,3})(?!\d)/g, follow: "strict" },
  { re: /(?<![a-z])no\.\s?(\d{1,3})(?!\d)/g, follow: "strict" },
];

/** `任务7和8`, `#7、#8`, `tasks 7 and 8`: further numbers listed right after a reference. */
const CONTINUATION = new RegExp(
  `^\\s*(?:[、,/&+]|和|与|及|跟|以及|and)\\s*(?:#|任务|task\\s*|第)?\\s*${NUM}(?:\\s*(?:号|项))?`,
);

/** Finds every explicit task reference, longest first where they overlap. */
export function findTaskReferences(norm: string): TaskRef[] {
  const found: TaskRef[] = [];
  for (const re of RANGES) {
    re.lastIndex = 0;
    for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
      const end = m.index + m[0].length;
      const [from, to] = [toNumber(m[1] ?? ""), toNumber(m[2] ?? "")];
      if (from === null || to === null || to <= from || to - from > MAX_RANGE) continue;
      if (/^\s*[%.\d]/.test(norm.slice(end)) || !followOk(norm, end, "strict", m[2] ?? "")) continue;
      // The first number carries the span; the others are empty spans at its end.
      found.push({ number: from, start: m.index, end });
      for (let n = from + 1; n <= to; n++) found.push({ number: n, start: end, end });
    }
  }
  for (const re of LISTS) {
    re.lastIndex = 0;
    for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
      const end = m.index + m[0].length;
      const numbers = (m[1] ?? "").split(/[^\d零〇一二两三四五六七八九十百]+/).map(toNumber);
      if (numbers.some((n) => n === null) || !followOk(norm, end, "strict", "")) continue;
      found.push({ number: numbers[0]!, start: m.index, end });
      for (const n of numbers.slice(1)) found.push({ number: n!, start: end, end });
    }
  }
  for (const { re, follow } of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
      const end = m.index + m[0].length;
      const number = toNumber(m[1] ?? "");
      if (number === null || !followOk(norm, end, follow, m[1] ?? "")) continue;
      found.push({ number, start: m.index, end });
      collectContinuations(norm, end, found);
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  // Empty spans (the rest of a range) are kept after their range, never on their own.
  const kept: TaskRef[] = [];
  for (const ref of found) {
    const last = kept[kept.length - 1];
    if (!last || ref.start >= last.end) kept.push(ref);
  }
  return kept;
}

/** Distinct task numbers in order of appearance. */
export function distinctNumbers(refs: TaskRef[]): number[] {
  return [...new Set(refs.map((r) => r.number))];
}

function collectContinuations(norm: string, from: number, into: TaskRef[]): void {
  let pos = from;
  for (let guard = 0; guard < 30; guard++) {
    const m = CONTINUATION.exec(norm.slice(pos));
    if (!m) return;
    const end = pos + m[0].length;
    const number = toNumber(m[1] ?? "");
    if (number === null || !followOk(norm, end, "strict", m[1] ?? "")) return;
    into.push({ number, start: end - m[0].trimStart().length, end });
    pos = end;
  }
}

function toNumber(text: string): number | null {
  const n = parseChineseInteger(text);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= 999 ? n : null;
}

function followOk(norm: string, end: number, follow: Follow, numText: string): boolean {
  const rest = norm.slice(end, end + 40);
  if (/^\.\d/.test(rest)) return false;
  if (follow === "loose") return !/^\d/.test(rest);
  if (follow === "progress") return leadingProgressEnd(rest) >= 0;
  if (numText === "一" && /^(?:开始|完成|启动|结束)?就/.test(rest)) return false;
  const c = rest[0];
  if (c === undefined) return true;
  if (/[\s\p{P}\p{S}a-z\u0001]/u.test(c)) return true;
  if (/\d/.test(c)) return !/\d/.test(numText);
  return FOLLOW_CJK.includes(c);
}
