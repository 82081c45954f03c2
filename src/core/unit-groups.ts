import { toSimplified } from "./text/script.ts";

/**
 * Geographic group units (`各县、区人民政府`, `各区政府`, `各县（市、区）`): the kinds of
 * unit they stand for (`县`, `区`, `市`), or null when the name is not such a group.
 */
export function groupKinds(name: string): Set<string> | null {
  const key = toSimplified(name).replace(/\s+/g, "");
  const m = /^各((?:[县区市]|[、,，()（）])+)(?:人民政府|政府)?$/.exec(key);
  if (!m) return null;
  const kinds = new Set([...m[1]!].filter((c) => "县区市".includes(c)));
  return kinds.size > 0 ? kinds : null;
}

/**
 * The kind of a county or district government named in a plan (`怀远县政府`, `龙子湖区人民政府`,
 * `滨海新区`): `县` or `区`; null for anything else (`市科技局`, `各区政府`).
 */
export function memberKind(name: string): string | null {
  const key = toSimplified(name).replace(/\s+/g, "");
  if (/^(各|市|省|全)/.test(key)) return null;
  const m = /^[\u4e00-\u9fff]{1,8}?([县区])(?:人民政府|政府)?$/.exec(key);
  return m ? m[1]! : null;
}

/** Which of a plan's unit names a group stands for, read from the names alone. */
export function groupMembersFromNames(group: string, names: readonly string[]): string[] {
  const kinds = groupKinds(group);
  if (!kinds) return [];
  return names.filter((n) => n !== group && kinds.has(memberKind(n) ?? ""));
}

/** Splits `福田区政府、罗湖区政府，南山区政府` into names. */
export function splitUnitNames(text: string): string[] {
  return text
    .split(/[、，,；;\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}
