import type { ImportedContact, ImportedUnit, ImportWarning, UnitRole } from "./types.ts";
import { matchKey, normalizeForMatch } from "./normalize.ts";
import { parseUnitList, type UnitMention } from "./owners.ts";
import type { Roster } from "./roster.ts";

export interface ResolvedUnits {
  /** Units of each task, in the order of the tasks given. */
  taskUnits: { name: string; role: UnitRole }[][];
  units: ImportedUnit[];
  contacts: ImportedContact[];
  warnings: ImportWarning[];
}

function parseName(text: string): UnitMention | null {
  return parseUnitList(text, normalizeForMatch(text), "responsible", 0).mentions[0] ?? null;
}

class Names {
  private parent = new Map<string, string>();
  private written = new Map<string, string>();
  private preferred = new Map<string, string>();
  readonly order: string[] = [];

  private find(key: string): string {
    if (!this.parent.has(key)) return key;
    let k = key;
    while (this.parent.get(k) !== k) k = this.parent.get(k)!;
    return k;
  }

  add(name: string, aliases: string[]): void {
    const key = matchKey(name);
    this.touch(key, name);
    for (const alias of aliases) {
      const aliasKey = matchKey(alias);
      if (aliasKey === key) continue;
      this.touch(aliasKey, alias);
      const a = this.find(key);
      const b = this.find(aliasKey);
      if (a !== b) this.parent.set(b, a);
      if (!this.preferred.has(this.find(key))) this.preferred.set(this.find(key), key);
    }
  }

  private touch(key: string, name: string): void {
    if (!this.parent.has(key)) {
      this.parent.set(key, key);
      this.written.set(key, name);
      this.order.push(key);
    }
  }

  /** Canonical written name of the unit a name belongs to. */
  canonical(name: string): string {
    if (!this.parent.has(matchKey(name))) return name;
    const root = this.find(matchKey(name));
    const key = this.preferred.get(root) ?? this.order.find((k) => this.find(k) === root)!;
    return this.written.get(key)!;
  }

  units(): ImportedUnit[] {
    const seen = new Map<string, ImportedUnit>();
    for (const key of this.order) {
      const name = this.canonical(this.written.get(key)!);
      const unit = seen.get(name) ?? { name, aliases: [] };
      if (matchKey(name) !== key) unit.aliases.push(this.written.get(key)!);
      seen.set(name, unit);
    }
    return [...seen.values()];
  }
}

function isMemberGroup(name: string): string | null {
  const key = matchKey(name);
  const m = /^(.*领导小组)成员单位$/.exec(key);
  return m ? m[1]! : null;
}

function rosterMatches(roster: Roster, group: string): boolean {
  if (group === "领导小组" || group === "工作领导小组") return true;
  const qualifier = group.replace(/^(市|省|区|县)/, "");
  return roster.groupName !== null && matchKey(roster.groupName).includes(qualifier);
}

/**
 * Makes units plan-wide: one record per unit (aliases merged, Traditional and Simplified
 * spellings matched), `领导小组成员单位` read as the roster's member units, `（含…，下同）`
 * inclusions applied, and the roster's people attached to their units.
 */
export function resolveUnits(mentionsPerTask: UnitMention[][], roster: Roster | null): ResolvedUnits {
  const warnings: ImportWarning[] = [];
  const names = new Names();
  const inclusions = new Map<string, string[]>();
  const members = (roster?.memberUnits ?? []).map(parseName).filter((m): m is UnitMention => m !== null);
  const expanded = mentionsPerTask.map((mentions) => {
    const out: UnitMention[] = [];
    for (const m of mentions) {
      const group = isMemberGroup(m.name);
      if (group !== null) {
        if (roster && members.length > 0 && rosterMatches(roster, group)) {
          out.push(...members.map((u) => ({ ...u, role: m.role, line: m.line })));
          const first = [...roster.lines].sort((a, b) => a - b)[0] ?? 0;
          warnings.push({ line: m.line, message: `“${m.name}” read as the ${members.length} member units of the roster at line ${first}` });
          continue;
        }
        warnings.push({ line: m.line, message: `“${m.name}”: the document does not list the members; kept as one group unit` });
      }
      out.push(m);
      const key = matchKey(m.name);
      const included = m.includes.length > 0 ? m.includes : inclusions.get(key) ?? [];
      if (m.hereafter && m.includes.length > 0) inclusions.set(key, m.includes);
      for (const name of included) out.push({ name, role: m.role, aliases: [], includes: [], hereafter: false, line: m.line });
    }
    for (const m of out) names.add(m.name, m.aliases);
    return out;
  });
  const contactUnits = (roster?.entries ?? []).map((e) => e.units.map(parseName).filter((m): m is UnitMention => m !== null));
  const taskUnits = expanded.map((mentions) => {
    const units: { name: string; role: UnitRole }[] = [];
    for (const m of mentions) {
      const name = names.canonical(m.name);
      const existing = units.find((u) => u.name === name);
      if (!existing) units.push({ name, role: m.role });
      else if (existing.role !== m.role) {
        warnings.push({ line: m.line, message: `unit “${name}” named twice in one task (${existing.role}, ${m.role}); kept ${existing.role}` });
      }
    }
    return units;
  });
  const taskKeys = new Set(taskUnits.flat().map((u) => matchKey(u.name)));
  const contacts: ImportedContact[] = (roster?.entries ?? []).map((entry, i) => {
    const list = contactUnits[i]!;
    const chosen = list.find((m) => taskKeys.has(matchKey(names.canonical(m.name)))) ?? list[0];
    if (!chosen) return { name: entry.name, title: entry.title, unit: null };
    names.add(chosen.name, chosen.aliases);
    return { name: entry.name, title: entry.title, unit: names.canonical(chosen.name) };
  });
  return { taskUnits, units: names.units(), contacts, warnings };
}
