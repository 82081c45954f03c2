import { groupKinds } from "../core/unit-groups.ts";
import type { ImportWarning, UnitRole } from "./types.ts";
import { normalizeForMatch } from "./normalize.ts";
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

const ROLE_RE =
  /((?:等|按照?|根据|依|职责|分工|分别|共同|各自|具体)*)(牵头负责|牵头|负总责|负责|配合|参与|协助|协办|协同)(?:实施|落实|推进|完成)?$/;
const LABEL_RE =
  /^(牵头单位|牵头部门|主责单位|责任单位|责任部门|配合单位|配合部门|参与单位|协办单位|执行单位|实施单位)\s*:\s*/;
const LABEL_ROLE: Record<string, UnitRole> = {
  牵头单位: "lead",
  牵头部门: "lead",
  主责单位: "lead",
  责任单位: "responsible",
  责任部门: "responsible",
  配合单位: "support",
  配合部门: "support",
  参与单位: "support",
  协办单位: "support",
  执行单位: "executor",
  实施单位: "executor",
};
const ROLE_OF: Record<string, UnitRole> = {
  牵头负责: "lead",
  牵头: "lead",
  负总责: "lead",
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

type ItemMention = Omit<UnitMention, "role"> & { role?: UnitRole };

function parseItem(text: string, norm: string, line: number, warnings: ImportWarning[]): ItemMention | null {
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
  let end = norm.length;
  const after = groups.length > 0 ? text.slice(groups[groups.length - 1]![1] + 1).trim() : "";
  // `漕开发（知识产权监管）所`: a unit suffix after the bracket makes it part of the name.
  const suffix = after !== "" && UNIT_SUFFIX.test(normalizeForMatch(after));
  if (after !== "" && after.length <= 2 && !suffix) {
    warnings.push({ line, message: `stray text “${after}” after unit “${text.slice(0, groups.at(-1)![1] + 1).trim()}” ignored` });
    end = groups.at(-1)![1] + 1;
  }
  // Only brackets that end the item are notes on it; one inside a name (`各区（市、县）人民政府`) is kept.
  const notes: [number, number][] = [];
  for (let k = groups.length - 1; k >= 0; k--) {
    const [o, c] = groups[k]!;
    if (text.slice(c + 1, end).trim() !== "") break;
    // `稽查科（竞争科）`: a sibling section of the same kind is part of the name as written.
    if (isSectionPair(norm.slice(0, o), norm.slice(o + 1, c))) break;
    // `各县（市、区）`: a group of counties, cities and districts, written with its bracket.
    if (groupKinds(text.slice(0, c + 1).trim()) && /^[县区市、,]+$/.test(norm.slice(o + 1, c).replace(/\s/g, ""))) break;
    notes.unshift([o, c]);
    end = o;
  }
  const name = cleanName(text.slice(0, end));
  if (name === "") return null;
  const mention: ItemMention = { name, aliases: [], includes: [], hereafter: false, line };
  for (const [o, c] of notes) {
    const inner = text.slice(o + 1, c).trim();
    const innerNorm = norm.slice(o + 1, c).trim();
    if (/下同/.test(innerNorm)) mention.hereafter = true;
    const alias = /^以下简称(.+)$/.exec(innerNorm);
    const role = ROLE_RE.exec(innerNorm);
    if (role && role.index === 0) {
      mention.role = ROLE_OF[role[2]!]!;
    } else if (alias) {
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

const UNIT_SUFFIX = /^(所|科|股|室|队|站|处|局|中心|办公室|分局)$/;
const SECTION = /(科|股|室|队|所|站)$/;

function isSectionPair(before: string, inner: string): boolean {
  const a = SECTION.exec(before.trim());
  const b = SECTION.exec(inner.trim());
  return a !== null && b !== null && a[1] === b[1] && inner.trim().length <= 8 && levelPrefix(inner) === "";
}

function cleanName(text: string): string {
  return text
    .trim()
    .replace(/^由/, "")
    .replace(/等(?:有关|相关)?(?:部门|单位)?$/, "")
    .trim();
}

const JOINER = /(和|及|以及|与)/g;

// `市科技局和市财政局` → two names; `市工业和信息化局` stays one.
function splitJoined(text: string, norm: string): [number, number][] {
  const cuts: [number, number][] = [];
  let start = 0;
  for (const m of norm.matchAll(JOINER)) {
    const left = norm.slice(start, m.index);
    const right = norm.slice(m.index + m[0].length);
    if (/(局|委|厅|办|院|部|司|处|室|政府|中心|管委会|海关|分行)$/.test(left) && /^(市|省|区|县|各|国家)/.test(right)) {
      cuts.push([start, m.index]);
      start = m.index + m[0].length;
    }
  }
  cuts.push([start, norm.length]);
  return text.length === norm.length ? cuts : [[0, text.length]];
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
    const lead = text.slice(s, e).length - text.slice(s, e).trimStart().length;
    const pieceText = text.slice(s + lead, e).trimEnd();
    const pieceNorm = norm.slice(s + lead, s + lead + pieceText.length);
    for (const [a, b] of splitJoined(pieceText, pieceNorm)) {
      const item = parseItem(pieceText.slice(a, b), pieceNorm.slice(a, b), line, warnings);
      if (!item) continue;
      item.name = qualify(item.name, st);
      mentions.push({ ...item, role: item.role ?? role });
    }
  }
  return { mentions, warnings };
}

/**
 * Parses the inside of an owner clause (`市市场监管局牵头,市发展改革委、科技创新委配合`).
 * Returns null when the text is not an owner clause (a document number, an abbreviation…).
 */
export function parseOwnerClause(text: string, norm: string, line: number): ParsedList | null {
  const segments = splitTopLevel(norm, ",;").flatMap(([s, e]) => {
    const lead = norm.slice(s, e).length - norm.slice(s, e).trimStart().length;
    const segNorm = norm.slice(s + lead, e).trimEnd();
    const label = LABEL_RE.exec(segNorm);
    const role = label ? null : ROLE_RE.exec(segNorm);
    const from = s + lead + (label ? label[0].length : 0);
    const to = s + lead + (role ? role.index : segNorm.length);
    const segRole = label ? LABEL_ROLE[label[1]!]! : role ? ROLE_OF[role[2]!]! : null;
    // `A会同B负责`: A takes the role, B supports; `会同相关部门` names no unit.
    const joint = segRole !== null ? norm.slice(from, to).search(/会同/) : -1;
    if (joint >= 0 && openDepth(norm.slice(from, from + joint)) === 0) {
      const at = from + joint;
      const rest = norm.slice(at + 2, to).replace(/^(有关|相关)(部门|单位)(等)?$|^各(有关|相关)(部门|单位)$/, "");
      const parts = joint > 0 ? [{ text: text.slice(from, at), norm: norm.slice(from, at), role: segRole }] : [];
      if (rest.trim() !== "") parts.push({ text: text.slice(at + 2, to), norm: norm.slice(at + 2, to), role: "support" as UnitRole });
      return parts;
    }
    return [{ text: text.slice(from, to), norm: norm.slice(from, to), role: segRole }];
  });
  if (!segments.some((seg) => seg.role !== null)) return null;
  const warnings: ImportWarning[] = [];
  const mentions: UnitMention[] = [];
  const state: ListState = { prefix: "", previous: null };
  for (let k = 0; k < segments.length; k++) {
    const seg = segments[k]!;
    if (seg.norm.trim() === "") {
      if (seg.role !== null) return null;
      continue;
    }
    const role = seg.role ?? segments.slice(k + 1).find((x) => x.role !== null)?.role ?? null;
    const trial: ListState = { ...state };
    const list = parseUnitList(seg.text, seg.norm, role ?? "support", line, trial);
    const units = list.mentions.length > 0 && list.mentions.every((u) => looksLikeUnit(u.name));
    if (!units) {
      if (seg.role !== null) return null;
      warnings.push({ line, message: `“${seg.text.trim()}” in an owner clause is not a unit; kept in the text only` });
      continue;
    }
    if (role === null) warnings.push({ line, message: `no role word after “${seg.text.trim()}”; read as 配合 (support)` });
    Object.assign(state, trial);
    mentions.push(...list.mentions);
    warnings.push(...list.warnings);
  }
  return mentions.length > 0 ? { mentions, warnings } : null;
}
