import { CHINESE_NUMERAL_CHARS, parseChineseInteger } from "../core/text/numerals.ts";

/**
 * Numbering of outline items, outermost first: `一、` (1), `（一）` (2), `1.` / `1、` (3),
 * `（1）` / `1）` (4), `①` (5).
 */
export interface Marker {
  rank: 1 | 2 | 3 | 4 | 5;
  value: number;
  /** Offset where the item's own text starts (after the marker and spaces). */
  offset: number;
}

const CN = `[${CHINESE_NUMERAL_CHARS}]{1,4}`;
const RANK1 = new RegExp(`^(${CN})\\s*、\\s*`);
// `一 完善……`: a section numeral followed by a space instead of `、` (small numerals only).
const RANK1_SPACE = /^([一二三四五六七八九十]{1,3})[ \u3000]+(?=[\u4e00-\u9fff])/;
const RANK2 = new RegExp(`^\\(\\s*(${CN})\\s*\\)\\s*`);
const RANK3 = /^(\d{1,3})\s*(?:\.(?!\d)|、)\s*/;
const RANK4 = /^(?:\(\s*(\d{1,3})\s*\)|(\d{1,3})\))\s*/;
const RANK5 = /^([\u2460-\u2473])\s*/;

/** Parses the numbering at the start of a line's matching copy; null when there is none. */
export function parseMarker(norm: string): Marker | null {
  let m = RANK1.exec(norm);
  if (m) return make(1, parseChineseInteger(m[1]!), m[0].length);
  m = RANK1_SPACE.exec(norm);
  if (m) return make(1, parseChineseInteger(m[1]!), m[0].length);
  m = RANK2.exec(norm);
  if (m) return make(2, parseChineseInteger(m[1]!), m[0].length);
  m = RANK3.exec(norm);
  if (m && !/^\d{1,3}\s*、\s*\d/.test(norm)) return make(3, Number(m[1]), m[0].length);
  m = RANK4.exec(norm);
  if (m) return make(4, Number(m[1] ?? m[2]), m[0].length);
  m = RANK5.exec(norm);
  if (m) return make(5, m[1]!.charCodeAt(0) - 0x2460 + 1, m[0].length);
  return null;
}

function make(rank: Marker["rank"], value: number | null, offset: number): Marker | null {
  if (value === null || value <= 0 || value > 999) return null;
  return { rank, value, offset };
}

/**
 * A rank-1 heading whose numeral is followed by a few stray characters before `、`
 * (`三雅提設陵、工作任務`). Accepted only for the number the outline expects next and only on a
 * short line without sentence punctuation; returns the marker and the stray text.
 */
export function parseDamagedHeading(
  norm: string,
  expected: number,
): { marker: Marker; junk: string; at: number } | null {
  if (norm.length > 24 || /[,.;:!?]/.test(norm)) return null;
  const m = new RegExp(`^(${CN})([\\u4e00-\\u9fff]{1,5})、\\s*(\\S.{0,15})$`).exec(norm);
  if (!m) return null;
  if (parseChineseInteger(m[1]!) !== expected) return null;
  if (/^[是要在大个项种类批级年月日点条部]/.test(m[2]!)) return null;
  return { marker: { rank: 1, value: expected, offset: m[1]!.length + m[2]!.length + 1 }, junk: m[2]!, at: m[1]!.length };
}

/** True when the line is nothing but a marker (`（一）` alone; its text is on the next line). */
export function isBareMarker(norm: string): boolean {
  const marker = parseMarker(norm.trim());
  return marker !== null && norm.trim().length === marker.offset;
}
