/**
 * Folds full-width ASCII variants (U+FF01–U+FF5E) and the ideographic space to their
 * half-width forms, so `／ｔａｓｋ　７` reads as `/task 7`. CJK punctuation such as 、。（）
 * is left alone except where {@link foldPunctuation} is asked for.
 */
export function toHalfWidth(input: string): string {
  let out = "";
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

const PUNCTUATION: Record<string, string> = {
  "，": ",",
  "：": ":",
  "；": ";",
  "！": "!",
  "？": "?",
  "（": "(",
  "）": ")",
  "％": "%",
  "＃": "#",
  "＋": "+",
  "－": "-",
  "．": ".",
  "﹪": "%",
  "。": ".",
};

/** Half-width folding plus the common CJK punctuation mapped to ASCII. */
export function foldPunctuation(input: string): string {
  let out = "";
  for (const ch of toHalfWidth(input)) out += PUNCTUATION[ch] ?? ch;
  return out;
}
