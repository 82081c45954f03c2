import { toSimplified } from "../core/text/script.ts";
import { foldPunctuation } from "../core/text/width.ts";

const simplified = new Map<string, string>();

// Character-by-character Traditional → Simplified. Whole-string conversion is phrase-aware and
// rewrites Taiwan terms (`執行單位` → `运行单位`, `智慧財產權` → `知识产权`), which changes both
// meaning and length; per character it does neither.
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

// Normalised code unit for each BMP code unit (0 = not computed yet).
const table = new Uint16Array(0x10000);

function normalizeUnit(code: number): number {
  let out = table[code]!;
  if (out === 0) {
    const ch = String.fromCharCode(code);
    const half = foldPunctuation(ch);
    const mapped = EXTRA_FOLDS[half] ?? (half.charCodeAt(0) < 0x3400 ? half : simplifyChar(half));
    out = mapped.length === 1 ? mapped.charCodeAt(0) : code;
    table[code] = out;
  }
  return out;
}

/**
 * The matching copy of a text: per-character Simplified, half-width ASCII and CJK punctuation
 * folded to ASCII (`（` → `(`, `，` → `,`, `：` → `:`). Same length as the input, so an index
 * found in the copy is valid in the original.
 */
export function normalizeForMatch(text: string): string {
  const units = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    units[i] = code < 0x80 || (code >= 0xd800 && code <= 0xdfff) ? code : normalizeUnit(code);
  }
  let out = "";
  for (let i = 0; i < units.length; i += 8192) out += String.fromCharCode(...units.subarray(i, i + 8192));
  return out;
}

const keys = new Map<string, string>();

/** Key for comparing names: the matching copy without any whitespace. */
export function matchKey(text: string): string {
  const cached = keys.get(text);
  if (cached !== undefined) return cached;
  const key = normalizeForMatch(text).replace(/\s+/g, "");
  if (text.length <= 80) {
    if (keys.size > 20_000) keys.clear();
    keys.set(text, key);
  }
  return key;
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
