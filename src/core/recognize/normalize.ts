import { toSimplified } from "../text/script.ts";
import { foldPunctuation } from "../text/width.ts";

export interface Span {
  start: number;
  end: number;
}

export interface Prepared {
  /** Cleaned text in the writer's own script, index-aligned with `norm` (used for notes). */
  source: string;
  /** Half-width, Simplified, lower-cased text used for all matching. */
  norm: string;
}

const MAX_INPUT = 2000;
const MARKUP = /<(?:[@#!][^<>]*|(?:https?|mailto):[^<>]*)>|(?:https?:\/\/|www\.)[^\s<>]+/gi;
const MENTION = /@[\w.-]+|@[\u4e00-\u9fff]{1,4}(?=[\s,:])/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const ODD_SPACES = /[\t\v\f\u00a0\u2000-\u200a\u202f\u205f]/g;
/** Placeholder written over text that has already been claimed by a match. */
export const MASK = "\u0001";

/**
 * Folds width and script, strips chat markup (mentions, links), lower-cases. `source` keeps the
 * writer's own characters (full-width punctuation, Traditional script) wherever the folding kept
 * the length, so notes are stored as typed.
 */
export function prepare(text: string): Prepared {
  let raw = text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text;
  let folded = foldPunctuation(raw);
  if (folded.length !== raw.length) raw = folded;
  for (const [re, by] of CLEANUPS) [folded, raw] = replaceAligned(folded, raw, re, by);
  let simplified = folded;
  try {
    simplified = toSimplified(folded);
  } catch {
    simplified = folded;
  }
  const norm = lowerSameLength(simplified);
  return { source: simplified.length === folded.length ? raw : simplified, norm };
}

const CLEANUPS: [RegExp, string][] = [
  [INVISIBLE, ""],
  [MARKUP, MASK],
  [MENTION, MASK],
  [/\r\n?|[\u2028\u2029]/g, "\n"],
  [ODD_SPACES, " "],
];

/** Replaces matches found in `folded` in both strings at the same offsets (they stay aligned). */
function replaceAligned(folded: string, raw: string, re: RegExp, by: string): [string, string] {
  let f = "";
  let r = "";
  let pos = 0;
  for (const m of folded.matchAll(re)) {
    f += folded.slice(pos, m.index) + by;
    r += raw.slice(pos, m.index) + by;
    pos = m.index + m[0].length;
  }
  return [f + folded.slice(pos), r + raw.slice(pos)];
}

function lowerSameLength(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const l = c.toLowerCase();
    out += l.length === 1 ? l : c;
  }
  return out;
}

const HARD_BREAKS = ",;!?\n。，；！？…";

/** Splits text into clauses at sentence punctuation (not at decimal points or `No.`). */
export function clauseSpans(norm: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < norm.length; i++) {
    if (isBreak(norm, i)) {
      spans.push({ start, end: i });
      start = i + 1;
    }
  }
  spans.push({ start, end: norm.length });
  return spans;
}

function isBreak(s: string, i: number): boolean {
  const c = s[i]!;
  const prev = s[i - 1] ?? "";
  const next = s[i + 1] ?? "";
  if (c === ",") return !(/\d/.test(prev) && /^\d{3}(?!\d)/.test(s.slice(i + 1, i + 5)));
  if (c === ".") return !(/\d/.test(next) || /(?<![a-z])no$/.test(s.slice(Math.max(0, i - 3), i)));
  return HARD_BREAKS.includes(c);
}

export function clauseIndexAt(clauses: Span[], pos: number): number {
  const i = clauses.findIndex((c) => pos < c.end);
  return i === -1 ? clauses.length - 1 : i;
}

/** Overwrites the given spans with {@link MASK}, keeping the length. */
export function maskSpans(s: string, spans: Span[]): string {
  const chars = s.split("");
  for (const { start, end } of spans) for (let i = start; i < end && i < chars.length; i++) chars[i] = MASK;
  return chars.join("");
}

/** Removes spans and joins the remaining pieces with single spaces. */
export function removeSpans(s: string, spans: Span[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const pieces: string[] = [];
  let pos = 0;
  for (const { start, end } of sorted) {
    if (start > pos) pieces.push(s.slice(pos, start));
    pos = Math.max(pos, end);
  }
  pieces.push(s.slice(pos));
  return pieces.map((p) => p.trim()).filter((p) => p !== "").join(" ");
}

const EDGE_CLASS = String.raw`(?:(?![%％¥$€£])[\s\p{P}\p{S}\p{M}\p{Cf}\p{Extended_Pictographic}\u0001])`;
const EDGE_START = new RegExp(`^(?:${EDGE_CLASS}|[了啦呢哦啊吧哈呀]${"(?![\\p{L}\\p{N}])"})+`, "u");
const EDGE_END = new RegExp(`${EDGE_CLASS}+$`, "u");
const PAIRS: [string, string][] = [["(", ")"], ["（", "）"], ["【", "】"], ["「", "」"], ["“", "”"], ["《", "》"], ["[", "]"]];

const count = (s: string, c: string): number => s.split(c).length - 1;

/**
 * Trims whitespace, punctuation and emoji at both edges, then returns null when nothing is left
 * or only words matching `fillerOnly` remain. A bracket the trim took from a pair the note still
 * opens (or closes) is put back; a bracket the sender never typed is never added.
 */
export function cleanNote(text: string, fillerOnly?: RegExp): string | null {
  let note = text.replace(/[\s\u0001]+/g, " ");
  let head = "";
  let tail = "";
  for (let guard = 0; guard < 4; guard++) {
    const before = note;
    head += EDGE_START.exec(note)?.[0] ?? "";
    note = note.replace(EDGE_START, "");
    tail = (EDGE_END.exec(note)?.[0] ?? "") + tail;
    note = note.replace(EDGE_END, "");
    if (note === before) break;
  }
  for (const [open, close] of PAIRS) {
    const missing = count(note, open) - count(note, close);
    if (missing > 0) note += close.repeat(Math.min(missing, count(tail, close)));
    else if (missing < 0) note = open.repeat(Math.min(-missing, count(head, open))) + note;
  }
  note = note.trim();
  if (note === "") return null;
  if (fillerOnly && fillerOnly.test(note)) return null;
  return note;
}
