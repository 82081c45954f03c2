import { taskNumberArg } from "../args.ts";
import { CHINESE_NUMERAL_CHARS } from "../text/numerals.ts";
import { toSimplified } from "../text/script.ts";
import { toHalfWidth } from "../text/width.ts";

/** What `/target <text>` asks for. */
export type TargetQuery =
  | { kind: "list"; page: number }
  | { kind: "position"; position: number }
  | { kind: "name"; query: string };

const NUMERAL = `[\\d${CHINESE_NUMERAL_CHARS}]+`;
const PAGE_RE = new RegExp(`^(?:(?:page|p|页|頁)\\s*(${NUMERAL})|第\\s*(${NUMERAL})\\s*[页頁])$`, "i");

/**
 * Reads the text after `/target`: nothing → the first page; `page 2` / `第2页` → a page;
 * `3`, `三`, `#3`, `第3项` → a position in the list (1-based); anything else → a name fragment.
 * Page 0 comes back as it is; the command rejects it.
 */
export function parseTargetQuery(rest: string): TargetQuery {
  const text = toHalfWidth(rest).trim();
  if (!text) return { kind: "list", page: 1 };
  const page = PAGE_RE.exec(text);
  if (page) {
    const n = taskNumberArg.safeParse(page[1] ?? page[2] ?? "");
    return { kind: "list", page: n.success ? Number(n.data) : 0 };
  }
  const position = taskNumberArg.safeParse(text);
  if (position.success) return { kind: "position", position: Number(position.data) };
  return { kind: "name", query: text };
}

/** For matching only: Simplified, half-width, lower case, without spaces and punctuation. */
export function matchKey(text: string): string {
  return toSimplified(toHalfWidth(text))
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
}

function isSubsequence(needle: string, hay: string): boolean {
  const chars = [...needle];
  let i = 0;
  for (const ch of hay) if (ch === chars[i]) i++;
  return i === chars.length;
}

/**
 * Targets whose name matches a fragment, Simplified/Traditional-insensitively, with their
 * 1-based positions. An exact name wins alone; otherwise every name containing the fragment;
 * failing that, names holding its characters in order (`融资额` → `知识产权质押融资金额`),
 * for fragments of two characters or more.
 */
export function matchTargets<T extends { name: string }>(targets: readonly T[], query: string): { position: number; target: T }[] {
  const q = matchKey(query);
  if (!q) return [];
  const keyed = targets.map((target, i) => ({ position: i + 1, target, key: matchKey(target.name) }));
  const strip = ({ position, target }: (typeof keyed)[number]) => ({ position, target });
  const exact = keyed.filter((k) => k.key === q);
  if (exact.length) return exact.map(strip);
  const contains = keyed.filter((k) => k.key.includes(q));
  if (contains.length || [...q].length < 2) return contains.map(strip);
  return keyed.filter((k) => isSubsequence(q, k.key)).map(strip);
}
