import core from "./catalogs/core.ts";
import digest from "./catalogs/digest.ts";
import groups from "./catalogs/groups.ts";
import importing from "./catalogs/import.ts";
import plans from "./catalogs/plans.ts";
import people from "./catalogs/people.ts";
import progress from "./catalogs/progress.ts";
import reports from "./catalogs/reports.ts";
import targets from "./catalogs/targets.ts";
import tasks from "./catalogs/tasks.ts";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./define.ts";

export { DEFAULT_LOCALE, LOCALES, isLocale, parseLocale, type Locale } from "./define.ts";

/**
 * Every area's catalog; add a new area's file here. Adapters keep their own words in their own
 * folder (src/adapters/<platform>/) and read them there.
 */
const CATALOGS = [core, plans, tasks, progress, people, groups, importing, targets, digest, reports] as const;

type Merge<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? (H extends { "zh-CN": infer M } ? M : never) & Merge<R>
  : unknown;

export type Messages = Merge<typeof CATALOGS>;
export type MessageKey = keyof Messages & string;
export type MessageParams = Record<string, string | number>;
export type Translator = (key: MessageKey, params?: MessageParams) => string;

export const MESSAGES: Record<Locale, Record<string, string>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, Object.assign({}, ...CATALOGS.map((c) => c[locale]))]),
) as Record<Locale, Record<string, string>>;

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = MESSAGES[locale][key] ?? MESSAGES[DEFAULT_LOCALE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}
