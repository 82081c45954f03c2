import { CHINESE_NUMERAL_CHARS } from "./text/numerals.ts";
import { toHalfWidth } from "./text/width.ts";

const NUMBER_START = new RegExp(`^[#\\d${CHINESE_NUMERAL_CHARS}第]`);

export interface CommandLine {
  /** The command word as typed, lower-cased (`task`, `任务`). */
  word: string;
  rest: string;
}

/**
 * Recognises a command line after full-width folding: `/task 7`, `!task 7`, `！task 7`,
 * `／ｔａｓｋ　７`. A leading `、` (what the slash key types on a Chinese keyboard) counts only
 * when `knownWord` accepts the word, so chat that happens to start with 、 is not misread.
 */
export function parseCommandLine(text: string, knownWord: (word: string) => string | null): CommandLine | null {
  const s = toHalfWidth(text).trim();
  const m = /^([/!、])\s*(\S+)(?:\s+([\s\S]*))?$/.exec(s);
  if (!m) return null;
  const [, prefix, token = "", rest = ""] = m;
  const word = token.toLowerCase();
  if (knownWord(word)) return { word, rest: rest.trim() };
  // Chinese has no spaces: `/任务7`, `/task7` → the longest known command word that prefixes the token.
  for (let i = word.length - 1; i > 0; i--) {
    const head = word.slice(0, i);
    if (!NUMBER_START.test(word.slice(i))) continue;
    if (knownWord(head)) return { word: head, rest: `${token.slice(i)} ${rest}`.trim() };
  }
  if (prefix === "、") return null;
  return { word, rest: rest.trim() };
}

/** Splits arguments on white space, keeping "quoted phrases" and 「引号」 together. */
export function splitArgs(rest: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|“([^”]*)”|「([^」]*)」|(\S+)/g;
  for (let m = re.exec(rest); m; m = re.exec(rest)) out.push(m[1] ?? m[2] ?? m[3] ?? m[4] ?? "");
  return out;
}
