import { pinyin } from "pinyin-pro";
import { matchKey } from "./normalize.ts";

// National bodies by their usual English abbreviations.
const NATIONAL: [RegExp, string][] = [
  [/^国家知识产权局/, "cnipa"],
  [/^国家版权局/, "ncac"],
  [/^国家市场监督管理总局|^市场监管总局/, "samr"],
  [/^国务院/, "state-council"],
  [/^(科学技术部|科技部)/, "most"],
  [/^(工业和信息化部|工信部)/, "miit"],
  [/^商务部/, "mofcom"],
  [/^最高人民法院/, "spc"],
];

const KIND_SUFFIX: [RegExp, string][] = [
  [/任务清单$|清单$/, "tasks"],
  [/指引$/, "guide"],
  [/要点$/, "points"],
];

const PLACE = /^([\u4e00-\u9fff]{2,8}?(?:特别行政区|自治区|自治州|地区|省|市|盟|州|县|区))/;

function stripLead(norm: string): string {
  return norm
    .replace(/^\[[^\]]*\]/, "")
    .replace(/^(?:(?:19|20)\d{2}\s*(?:[-—~至到]+\s*(?:19|20)\d{2})?\s*年?度?)/, "")
    .replace(/^关于(印发)?/, "")
    .replace(/^《/, "");
}

/** The leading place name of a title or issuer (`蚌埠市…` → `蚌埠市`); null for national ones. */
export function leadingPlace(text: string): string | null {
  const norm = stripLead(matchKey(text));
  if (/^(国家|全国|中国|中华|中央|中共中央|国务院)/.test(norm)) return null;
  const m = PLACE.exec(norm);
  if (!m || /知识产权|国家/.test(m[1]!)) return null;
  return m[1]!;
}

function romanise(text: string): string {
  const syllables = pinyin(text, { toneType: "none", type: "array", v: true }) as string[];
  return syllables.join("").toLowerCase().replace(/[^a-z0-9]/g, "");
}

function nationalCode(issuer: string): string | null {
  const norm = matchKey(issuer);
  for (const [re, code] of NATIONAL) if (re.test(norm)) return code;
  return null;
}

/** Lowercase ASCII, digits and single dashes. */
export function sanitiseSlug(slug: string): string {
  return slug
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

export interface SlugInput {
  title: string;
  issuer: string | null;
  period: { start: number; end: number } | null;
  issuedOn: string | null;
}

/**
 * A readable, stable slug: romanised leading place (or a national body's abbreviation), the
 * period or year, and a word for task lists and guides (`bengbu-2024-2026`, `cnipa-2019-tasks`).
 */
export function planSlug(input: SlugInput): string {
  const place = leadingPlace(input.title) ?? (input.issuer ? leadingPlace(input.issuer) : null);
  let who: string | null = null;
  if (place) who = romanise(place.replace(/(特别行政区|自治区|省|市)$/, "") || place);
  else if (input.issuer) who = nationalCode(input.issuer) ?? romanise(input.issuer).slice(0, 16);
  else if (/^(国家|全国)/.test(stripLead(matchKey(input.title)))) who = "national";
  const when = input.period
    ? input.period.start === input.period.end
      ? `${input.period.start}`
      : `${input.period.start}-${input.period.end}`
    : input.issuedOn?.slice(0, 4) ?? null;
  const titleKey = matchKey(input.title).replace(/\s*\([^()]*\)$/, "");
  const kind = KIND_SUFFIX.find(([re]) => re.test(titleKey))?.[1] ?? null;
  const slug = sanitiseSlug([who, when, kind].filter((p): p is string => !!p).join("-"));
  return slug === "" ? "plan" : slug;
}

/** Makes slugs unique within one import: the second `x` becomes `x-2`. */
export function uniqueSlugs(slugs: string[]): string[] {
  const seen = new Map<string, number>();
  return slugs.map((slug) => {
    const n = (seen.get(slug) ?? 0) + 1;
    seen.set(slug, n);
    return n === 1 ? slug : `${slug}-${n}`;
  });
}
