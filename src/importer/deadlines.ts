import type { ImportedDeadline } from "./types.ts";

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

type Rule = { re: RegExp; build: (m: RegExpExecArray, norm: string) => Omit<ImportedDeadline, "text"> | null };

const BEFORE = "(?:之)?前(?![一二两三四五六七八九十百\\d])";
const QUARTER_END: Record<string, [number, number]> = {
  一: [3, 31], "1": [3, 31], 二: [6, 30], "2": [6, 30], 三: [9, 30], "3": [9, 30], 四: [12, 31], "4": [12, 31],
};

// Convention: "前" includes the named day, month or year (`2021年5月前` → 2021-05-31), as
// `12月15日前` includes the 15th.
const RULES: Rule[] = [
  { re: new RegExp(`每年(?:的)?(\\d{1,2})月(\\d{1,2})日${BEFORE}`, "g"), build: () => ({ date: null, recurrence: "yearly" }) },
  { re: new RegExp(`每年(?:的)?(\\d{1,2})月(?:底|末)?${BEFORE}`, "g"), build: () => ({ date: null, recurrence: "yearly" }) },
  { re: new RegExp(`每年(?:年底|年末|底)${BEFORE}`, "g"), build: () => ({ date: null, recurrence: "yearly" }) },
  {
    re: new RegExp(`(\\d{4})年(\\d{1,2})月(\\d{1,2})日${BEFORE}`, "g"),
    build: (m) => dated(iso(Number(m[1]), Number(m[2]), Number(m[3]))),
  },
  {
    re: new RegExp(`(\\d{4})年(\\d{1,2})月(?:底|末|份)?${BEFORE}`, "g"),
    build: (m) => dated(iso(Number(m[1]), Number(m[2]), lastDayOfMonth(Number(m[1]), Number(m[2])))),
  },
  {
    re: new RegExp(`(\\d{4})年(?:第)?([一二三四1-4])季度(?:末|底)?${BEFORE}`, "g"),
    build: (m) => {
      const [month, day] = QUARTER_END[m[2]!]!;
      return dated(iso(Number(m[1]), month, day));
    },
  },
  { re: new RegExp(`(\\d{4})年(?:上半年|年中)${BEFORE}`, "g"), build: (m) => dated(iso(Number(m[1]), 6, 30)) },
  { re: new RegExp(`(\\d{4})年(?:底|末|年底|年末)?${BEFORE}`, "g"), build: (m) => dated(iso(Number(m[1]), 12, 31)) },
  {
    // `到2025年全部取消`: a year reached by an action; `到2026年,…` opens a goal paragraph instead.
    re: /(?:到|至|截至|截止到?)(\d{4})年(?:底|末)?(?=[^\d,;.、:)\s])/g,
    build: (m) => dated(iso(Number(m[1]), 12, 31)),
  },
];

function dated(date: string | null): Omit<ImportedDeadline, "text"> | null {
  return date ? { date, recurrence: null } : null;
}

/** Deadlines written in a text (`每年12月15日前`, `2021年5月前`, `2026年底前`, `到2025年…`). */
export function findDeadlines(text: string, norm: string): ImportedDeadline[] {
  const found: { start: number; end: number; deadline: ImportedDeadline }[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(norm); m !== null; m = rule.re.exec(norm)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.start)) continue;
      const built = rule.build(m, norm);
      if (!built) continue;
      found.push({ start, end, deadline: { text: text.slice(start, end), ...built } });
    }
  }
  return found.sort((a, b) => a.start - b.start).map((f) => f.deadline);
}

/** Appends deadlines not already present (same text and date). */
export function mergeDeadlines(into: ImportedDeadline[], more: ImportedDeadline[]): void {
  for (const d of more) {
    if (!into.some((x) => x.text === d.text && x.date === d.date && x.recurrence === d.recurrence)) into.push(d);
  }
}
