import type { Line } from "./lines.ts";
import { matchKey } from "./normalize.ts";
import { ATTACHMENT_LINE } from "./documents.ts";

/** A person in a roster attachment (leading group and its members). */
export interface RosterEntry {
  name: string;
  /** Position(s) as written: `市委宣传部副部长、市文联党组书记(兼)`. */
  title: string;
  /** Units named by the position(s), first one first (`市委宣传部`, `市文联`). */
  units: string[];
  /** Roster label in effect (`组长`, `副组长`, `成员`), normalised. */
  label: string | null;
  line: number;
}

export interface Roster {
  /** `蚌埠市国家知识产权强市建设试点城市工作领导小组`, when the attachment names it. */
  groupName: string | null;
  entries: RosterEntry[];
  /** Units of the members (entries under `成员`, or all entries when unlabelled). */
  memberUnits: string[];
  lines: Set<number>;
}

const LABEL = /^((?:第一|常务)?副?\s*组\s*长|成\s*员|秘\s*书\s*长|办公室(?:副)?主任)\s*:\s*/;
const POSITION =
  /(党组书记|党委书记|党工委书记|副书记|书记|常务副市长|副市长|市长|副县长|县长|副区长|区长|副局长|局长|副主任|主任|副部长|部长|副院长|院长|副检察长|检察长|副关长|关长|副行长|行长|副秘书长|秘书长|副厅长|厅长|副处长|处长|副司长|司长|副主席|主席|副校长|校长|总经理|董事长|调研员|巡视员|党组成员)$/;

function positionUnit(segment: string): string | null {
  const text = segment.replace(/\s*[(（]\s*兼\s*[)）]\s*$/, "").trim();
  const key = matchKey(text);
  const m = POSITION.exec(key);
  if (!m) return null;
  const unit = text.slice(0, m.index).trim();
  return unit.length >= 2 ? unit : null;
}

function parseEntry(line: Line): Omit<RosterEntry, "label"> & { label: string | null } | null {
  let rest = line.text;
  let label: string | null = null;
  const labelMatch = LABEL.exec(line.norm);
  if (labelMatch) {
    label = matchKey(labelMatch[1]!);
    rest = line.text.slice(labelMatch[0].length);
  }
  const tokens = rest.trim().split(/\s+/);
  if (tokens.length < 2) return null;
  let name = tokens[0]!;
  let titleTokens = tokens.slice(1);
  if (name.length === 1 && tokens[1]!.length === 1) {
    name += tokens[1]!;
    titleTokens = tokens.slice(2);
  }
  if (!/^[\u4e00-\u9fff·]{2,6}$/.test(name) || titleTokens.length === 0) return null;
  const title = titleTokens.join(" ");
  const segments = title.split(/[、,，]/);
  const units = segments.map(positionUnit).filter((u): u is string => u !== null);
  const hasPosition = segments.some((s) => POSITION.test(matchKey(s.replace(/\s*[(（]\s*兼\s*[)）]\s*$/, ""))));
  if (!hasPosition) return null;
  return { name, title, units, label, line: line.no };
}

/**
 * Reads a roster attachment: lines `组  长:马  军  市委副书记、市长`, `张吉超  市市场监管局局长`.
 * Returns null when fewer than three lines read as people.
 */
export function parseRoster(lines: Line[]): Roster | null {
  const entries: RosterEntry[] = [];
  const used = new Set<number>();
  const titleParts: string[] = [];
  let label: string | null = null;
  for (const line of lines) {
    const entry = parseEntry(line);
    if (entry) {
      if (entry.label) label = entry.label;
      entries.push({ ...entry, label });
      used.add(line.no);
      continue;
    }
    if (entries.length > 0 || /[,.;]/.test(line.norm)) continue;
    used.add(line.no);
    if (ATTACHMENT_LINE.test(line.norm)) {
      titleParts.length = 0;
      const named = line.text.replace(/^附\s*件\s*[\d一二三四五六七八九十]*\s*[:：]?/, "").trim();
      if (named !== "") titleParts.push(named);
    } else {
      titleParts.push(line.text.trim());
    }
  }
  if (entries.length < 3) return null;
  const title = titleParts.join("");
  const group = /^(.*?领导小组)/.exec(matchKey(title));
  const groupName = group ? title.replace(/\s+/g, "").slice(0, group[1]!.length) : null;
  const members = entries.filter((e) => e.label === "成员");
  const memberUnits = (members.length > 0 ? members : entries)
    .map((e) => e.units[0])
    .filter((u): u is string => u !== undefined);
  return { groupName, entries, memberUnits, lines: used };
}
