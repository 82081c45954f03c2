import type { ImportWarning } from "./types.ts";
import { isBareMarker, parseMarker } from "./markers.ts";
import { normalizeForMatch, stripJunkCharacters } from "./normalize.ts";

/** One non-blank line of the decoded document. */
export interface Line {
  /** 1-based line number in the decoded text. */
  no: number;
  /** Cleaned text in the document's own script. */
  text: string;
  /** Matching copy of `text` (same length). */
  norm: string;
}

export function makeLine(no: number, text: string): Line {
  return { no, text, norm: normalizeForMatch(text) };
}

/**
 * Splits decoded text into non-blank lines, removing invisible junk characters (reported) and
 * surrounding whitespace. A line holding only a numbering marker (`（一）`) is joined with the
 * next line, where its text is.
 */
export function splitLines(text: string): { lines: Line[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const lines: Line[] = [];
  let raw = text.split(/\r\n|\r|\n|\u2028|\u2029/);
  const unflattened = unflatten(raw);
  if (unflattened) {
    raw = unflattened.lines;
    warnings.push({
      line: 0,
      message: `the document is written on ${unflattened.from} line(s); read as ${raw.length} paragraphs split before each numbered item (line numbers count those paragraphs)`,
    });
  }
  let pendingMarker: Line | null = null;
  raw.forEach((rawLine, index) => {
    const no = index + 1;
    const { text: cleaned, removed } = stripJunkCharacters(rawLine);
    if (removed > 0) {
      warnings.push({ line: no, message: `removed ${removed} invisible or undecodable character(s)` });
    }
    const trimmed = cleaned.trim();
    if (trimmed === "") return;
    if (pendingMarker) {
      const joined = makeLine(pendingMarker.no, pendingMarker.text + trimmed);
      pendingMarker = null;
      lines.push(joined);
      return;
    }
    const line = makeLine(no, trimmed);
    if (isBareMarker(line.norm)) pendingMarker = line;
    else lines.push(line);
  });
  if (pendingMarker) lines.push(pendingMarker);
  return { lines, warnings };
}

const SENTENCE_STOP = /[。！？；：.!?;:]$/;

/** Points where a flattened line (paragraphs joined by spaces) breaks into paragraphs. */
function breakPoints(line: string): number[] {
  const cuts: number[] = [];
  let depth = 0;
  let pieceStart = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if ("（(〔[【".includes(ch)) depth++;
    else if ("）)〕]】".includes(ch)) depth = Math.max(0, depth - 1);
    if (depth > 0 || !/\s/.test(ch)) continue;
    let j = i;
    while (j < line.length && /\s/.test(line[j]!)) j++;
    const before = line.slice(pieceStart, i).trim();
    const restNorm = normalizeForMatch(line.slice(j, j + 12));
    const marker = parseMarker(restNorm);
    const ownMarker = parseMarker(normalizeForMatch(before));
    const isNumeralOnly = ownMarker !== null && before.length <= ownMarker.offset;
    const shortHeading = ownMarker !== null && !isNumeralOnly && before.length <= 20 && !/[，。；：,.;:]/.test(before);
    const title = cuts.length === 0 && before.length <= 60 && !/[，。；,.;]/.test(before);
    if (before !== "" && !isNumeralOnly && (marker !== null || shortHeading || title || (SENTENCE_STOP.test(before) && before.length > 60))) {
      cuts.push(j);
      pieceStart = j;
    }
    i = j - 1;
  }
  return cuts;
}

/**
 * A document saved as one long line (items separated only by spaces): split before each numbered
 * item, after a short heading and after the title. Null when the text has ordinary lines.
 */
function unflatten(raw: string[]): { lines: string[]; from: number } | null {
  const filled = raw.filter((l) => l.trim() !== "");
  const total = filled.reduce((n, l) => n + l.length, 0);
  const long = filled.filter((l) => l.length >= 150);
  if (long.length === 0 || filled.length > 5 || long.reduce((n, l) => n + l.length, 0) < total * 0.8) return null;
  const out: string[] = [];
  let split = false;
  for (const line of raw) {
    const cuts = line.length >= 150 ? breakPoints(line) : [];
    const markers = cuts.filter((c) => parseMarker(normalizeForMatch(line.slice(c, c + 12))) !== null).length;
    if (markers < 3) {
      out.push(line);
      continue;
    }
    split = true;
    let start = 0;
    for (const c of cuts) {
      out.push(line.slice(start, c).trim());
      start = c;
    }
    out.push(line.slice(start).trim());
  }
  return split ? { lines: out, from: filled.length } : null;
}
