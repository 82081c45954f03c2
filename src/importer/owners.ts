import type { ImportWarning, UnitRole } from "./types.ts";
import {
  isGroupFragment,
  levelPrefix,
  looksLikeUnit,
  parentOf,
  takesLevelPrefix,
  takesParent,
} from "./unit-names.ts";

/** One unit named in an owner clause or a field line, before plan-wide de-duplication. */
export interface UnitMention {
  name: string;
  role: UnitRole;
  /** Other names of the same unit: `市市场监管局(市知识产权局)`. */
  aliases: string[];
  /** Units a group includes: `各区政府(含新区管委会、…,下同)`. */
  includes: string[];
  /** The inclusion holds for later mentions too (`下同`). */
  hereafter: boolean;
  line: number;
}

export interface ParsedList {
  mentions: UnitMention[];
  warnings: ImportWarning[];
}

const OPEN = "(〔[";
const CLOSE = ")〕]";

/** Splits on separator characters outside brackets; returns [start, end) ranges. */
export function splitTopLevel(norm: string, separators: string): [number, number][] {
  const parts: [number, number][] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < norm.length; i++) {
    const ch = norm[i]!;
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(ch)) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  parts.push([start, norm.length]);
  return parts;
}

/** Bracket depth at the end of a text (positive while brackets are still open). */
export function openDepth(norm: string): number {
  let depth = 0;
  for (const ch of norm) {
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch)) depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** The bracketed group that ends a line (before any final `。`), as [open, close] offsets. */
export function trailingGroup(norm: string): [number, number] | null {
  let end = norm.length - 1;
  while (end >= 0 && /[\s.]/.test(norm[end]!)) end--;
  if (end < 0 || !CLOSE.includes(norm[end]!)) return null;
  let depth = 0;
  for (let i = end; i >= 0; i--) {
    const ch = norm[i]!;
    if (CLOSE.includes(ch)) depth++;
    else if (OPEN.includes(ch)) {
      depth--;
      if (depth === 0) return [i, end];
    }
  }
  return null;
}

const ROLE_RE = /((?:等|按照?|根据|依|职责|分工|分别|共同|各自)*)(牵头负责|牵头|负责|配合|参与|协助|协办|协同)$/;
const ROLE_OF: Record<string, UnitRole> = {
  牵头负责: "lead",
  牵头: "lead",
  负责: "responsible",
  配合: "support",
  参与: "support",
  协助: "support",
  协办: "support",
  协同: "support",
};

interface ListState {
  prefix: string;
  previous: string | null;
}

function parseItem(text: string, norm: string, line: number, warnings: ImportWarning[]): Omit<UnitMention, "role"> | null {
  const groups: [number, number][] = [];
  let depth = 0;
  let open = -1;
  for (let i = 0; i < norm.length; i++) {
    const ch = norm[i]!;
    if (OPEN.includes(ch)) {
      if (depth === 0) open = i;
      depth++;
    } else if (CLOSE.includes(ch) && depth > 0) {
      depth--;
      if (depth === 0) groups.push([open, i]);
    }
  }
  const nameEnd = groups[0]?.[0] ?? norm.length;
  let name = text.slice(0, nameEnd).trim();
  const lastClose = groups.length > 0 ? groups[groups.length - 1]![1] + 1 : norm.length;
  const trailing = text.slice(lastClose).trim();
  if (trailing !== "") {
    if (trailing.length <= 2) warnings.push({ line, message: `stray text “${trailing}” after unit “${text.slice(0, lastClose).trim()}” ignored` });
    else name = text.slice(0, nameEnd).trim() + trailing;
  }
  name = name.replace(/^由/, "").replace(/等$/, "").trim();
  if (name === "") return null;
  const mention: Omit<UnitMention, "role"> = { name, aliases: [], includes: [], hereafter: false, line };
  for (const [o, c] of groups) {
    const inner = text.slice(o + 1, c).trim();
    const innerNorm = norm.slice(o + 1, c).trim();
    if (/下同/.test(innerNorm)) mention.hereafter = true;
    const alias = /^以下简称(.+)$/.exec(innerNorm);
    if (alias) {
      mention.aliases.push(inner.slice(inner.length - alias[1]!.length));
    } else if (/^(含|包括)|[、,]|下同/.test(innerNorm)) {
      const body = inner.replace(/^(含|包括|包含)/, "");
      const bodyNorm = innerNorm.replace(/^(含|包括|包含)/, "");
      for (const [s, e] of splitTopLevel(bodyNorm, "、,;")) {
        const part = body.slice(s, e).replace(/(以下同|下同|等)$/, "").trim();
        if (part !== "" && !/^(以)?下同$/.test(part) && looksLikeUnit(part)) mention.includes.push(part);
      }
    } else if (looksLikeUnit(inner) && !/^兼/.test(innerNorm)) {
      mention.aliases.push(inner);
    } else {
      warnings.push({ line, message: `note “${inner}” on unit “${name}” not understood; ignored` });
    }
  }
  return mention;
}

function qualify(name: string, state: ListState): string {
  const prev = state.previous;
  const parent = prev ? parentOf(prev) : null;
  let out = name;
  if (parent && takesParent(name, parent.suffix) && levelPrefix(name) === "") out = parent.parent + name;
  else if (state.prefix && takesLevelPrefix(name)) out = state.prefix + name;
  const own = levelPrefix(out);
  if (own) state.prefix = out.slice(0, own.length);
  state.previous = out;
  return out;
}

/** Parses a `、`/`,`-separated list of units, all with one role (`局内:条法司,专利局审业部、自动化部`). */
export function parseUnitList(text: string, norm: string, role: UnitRole, line: number, state?: ListState): ParsedList {
  const warnings: ImportWarning[] = [];
  const mentions: UnitMention[] = [];
  const st = state ?? { prefix: "", previous: null };
  const ranges = splitTopLevel(norm, "、,;");
  for (let k = 0; k < ranges.length; k++) {
    let [s, e] = ranges[k]!;
    const piece = norm.slice(s, e).trim();
    if (piece === "") continue;
    const next = ranges[k + 1];
    if (isGroupFragment(piece) && next && norm[e] === "、") {
      e = next[1];
      k++;
    }
    const item = parseItem(text.slice(s, e).trim(), norm.slice(s, e).trim(), line, warnings);
    if (!item) continue;
    item.name = qualify(item.name, st);
    mentions.push({ ...item, role });
  }
  return { mentions, warnings };
}

/**
 * Parses the inside of an owner clause (`市市场监管局牵头,市发展改革委、科技创新委配合`).
 * Returns null when the text is not an owner clause (a document number, an abbreviation…).
 */
export function parseOwnerClause(text: string, norm: string, line: number): ParsedList | null {
  const segments = splitTopLevel(norm, ",;").map(([s, e]) => ({ s, e, norm: norm.slice(s, e).trim() }));
  const roles: (UnitRole | null)[] = segments.map((seg) => {
    const m = ROLE_RE.exec(seg.norm);
    return m ? ROLE_OF[m[2]!]! : null;
  });
  if (!roles.some((r) => r !== null)) return null;
  const warnings: ImportWarning[] = [];
  const mentions: UnitMention[] = [];
  const state: ListState = { prefix: "", previous: null };
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    if (seg.norm === "") continue;
    let role = roles[k] ?? roles.slice(k + 1).find((r) => r !== null) ?? null;
    if (role === null) {
      role = "support";
      warnings.push({ line, message: `no role word after “${text.slice(seg.s, seg.e).trim()}”; read as 配合 (support)` });
    }
    const lead = text.slice(seg.s, seg.e);
    const m = roles[k] ? ROLE_RE.exec(seg.norm) : null;
    const trimmedStart = lead.length - lead.trimStart().length;
    const unitsEnd = seg.s + trimmedStart + (m ? m.index : seg.norm.length);
    const unitsText = text.slice(seg.s + trimmedStart, unitsEnd);
    const unitsNorm = norm.slice(seg.s + trimmedStart, unitsEnd);
    if (unitsNorm.trim() === "") return null;
    const list = parseUnitList(unitsText, unitsNorm, role, line, state);
    if (list.mentions.length === 0 || !list.mentions.every((u) => looksLikeUnit(u.name))) return null;
    mentions.push(...list.mentions);
    warnings.push(...list.warnings);
  }
  return mentions.length > 0 ? { mentions, warnings } : null;
}
