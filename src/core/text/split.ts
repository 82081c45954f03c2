/** Mention and markup tokens as every platform writes them: `<@U1>`, `<@123>`, `<@platform:id|name>`. */
export const ANGLE_TOKEN = /<[^<>\s][^<>]*>/g;

const BREAK_PREFERENCES: RegExp[] = [/\n/, /[。！？；.!?;]/, /[，、,：:\s]/];

/**
 * Splits text into pieces of at most `limit` UTF-16 units, preferring line ends, then sentence
 * ends, then clause breaks; never inside a surrogate pair, a mention or another token matched by
 * `atoms` (global). Nothing is dropped except white space at the cut. The one splitter every
 * adapter uses for long replies.
 */
export function splitText(text: string, limit: number, atoms: RegExp = ANGLE_TOKEN): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit, atoms);
    const head = rest.slice(0, cut).trimEnd();
    if (head) out.push(head);
    rest = rest.slice(cut).replace(/^[ \t]*\n?/, "");
  }
  if (rest.trim() || out.length === 0) out.push(rest);
  return out;
}

/** Where to cut `text` so the head is at most `limit` long (see {@link splitText}). */
export function cutPoint(text: string, limit: number, atoms: RegExp = ANGLE_TOKEN): number {
  const protectedUntil = new Map<number, number>();
  // Tokens that start before the limit, however far past it they end (one longer than the limit cannot be kept whole).
  for (const m of text.slice(0, limit * 2).matchAll(atoms)) {
    for (let i = m.index + 1; i < m.index + m[0].length; i++) protectedUntil.set(i, m.index);
  }
  const allowed = (i: number) => !protectedUntil.has(i) && !isLowSurrogate(text.charCodeAt(i));
  const window = text.slice(0, limit);
  const floor = Math.floor(limit / 2);
  for (const re of BREAK_PREFERENCES) {
    for (let i = window.length - 1; i >= floor; i--) {
      if (re.test(window[i]!) && allowed(i + 1)) return i + 1;
    }
  }
  let cut = limit;
  while (cut > 1 && !allowed(cut)) cut = protectedUntil.get(cut) ?? cut - 1;
  return cut > 0 ? cut : limit;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Joins paragraphs (a blank line between) into as few texts as fit `limit`; a longer paragraph stays whole. */
export function packParagraphs(paragraphs: string[], limit: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const p of paragraphs) {
    if (current && current.length + 2 + p.length > limit) {
      out.push(current);
      current = "";
    }
    current = current ? `${current}\n\n${p}` : p;
  }
  if (current) out.push(current);
  return out;
}

/** Shortens visibly (with an ellipsis) to at most `max` characters, for labels and titles that cannot hold more. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}
