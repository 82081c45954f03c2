import type { ImportWarning } from "./types.ts";
import { isBareMarker } from "./markers.ts";
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
  const raw = text.split(/\r\n|\r|\n|\u2028|\u2029/);
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
