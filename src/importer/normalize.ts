import { toSimplified } from "../core/text/script.ts";
import { foldPunctuation } from "../core/text/width.ts";

const simplified = new Map<string, string>();

/**
 * Character-by-character Traditional → Simplified. Whole-string conversion is phrase-aware and
 * rewrites Taiwan terms (`執行單位` → `运行单位`, `智慧財產權` → `知识产权`), which changes both
 * meaning and length; per character it does neither.
 */
function simplifyChar(ch: string): string {
  let out = simplified.get(ch);
  if (out === undefined) {
    const converted = toSimplified(ch);
    out = converted.length === ch.length ? converted : ch;
    simplified.set(ch, out);
  }
  return out;
}

const EXTRA_FOLDS: Record<string, string> = {
  "【": "[",
  "】": "]",
  "〈": "<",
  "〉": ">",
  "–": "-",
  "─": "-",
  "～": "~",
};

/**
 * The matching copy of a text: per-character Simplified, half-width ASCII and CJK punctuation
 * folded to ASCII (`（` → `(`, `，` → `,`, `：` → `:`). Same length as the input, so an index
 * found in the copy is valid in the original.
 */
export function normalizeForMatch(text: string): string {
  let out = "";
  for (const ch of foldPunctuation(text)) {
    const folded = EXTRA_FOLDS[ch];
    if (folded !== undefined) out += folded;
    else out += ch.charCodeAt(0) < 0x3400 ? ch : simplifyChar(ch);
  }
  return out;
}

/** Key for comparing names: the matching copy without any whitespace. */
export function matchKey(text: string): string {
  return normalizeForMatch(text).replace(/\s+/g, "");
}

// Control characters (tab and line breaks excepted), zero-width and bidi marks, the BOM, the
// replacement character, private-use code points and lone surrogates.
const JUNK =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF\uFFFD\uE000-\uF8FF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes invisible junk from one line; returns the cleaned text and how many were removed. */
export function stripJunkCharacters(text: string): { text: string; removed: number } {
  let removed = 0;
  const cleaned = text.replace(JUNK, () => {
    removed += 1;
    return "";
  });
  return { text: cleaned.replace(/[\t\u00A0\u2002-\u200A\u202F\u205F]/g, " "), removed };
}

/** True for CJK ideographs (basic block and extension A). */
export function isHan(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** Sentence-final punctuation in the matching copy. */
export const SENTENCE_END = /[.;!?。]$/;
