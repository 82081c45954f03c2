const TOKEN = /<@[^>\s]*>/g;

/**
 * Splits text into pieces of at most `max` characters (a mention token counted as it is
 * written), preferring line breaks, then sentence ends, then spaces, and never cutting inside a
 * mention token or a surrogate pair. Joining the pieces gives the text back, white space at the
 * cuts aside.
 */
export function splitKeepingTokens(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf("\n");
    if (cut < max / 2) cut = Math.max(...["。", "；", "！", "？", ". ", "; "].map((p) => (window.lastIndexOf(p) < 0 ? -1 : window.lastIndexOf(p) + p.trimEnd().length)));
    if (cut < max / 2) cut = window.lastIndexOf(" ");
    if (cut < max / 2) cut = max;
    for (const m of rest.matchAll(TOKEN)) {
      const start = m.index, end = m.index + m[0].length;
      if (start >= cut) break;
      if (start < cut && cut < end) cut = start > 0 ? start : end;
    }
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? "")) cut -= 1;
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest) out.push(rest);
  return out;
}
