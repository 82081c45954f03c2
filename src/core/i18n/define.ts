export const LOCALES = ["zh-CN", "zh-TW", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

/**
 * One area's messages in all three languages. The type makes zh-TW and en carry exactly the
 * keys of zh-CN; a test checks the merged catalogs at run time as well.
 */
export function defineCatalog<const T extends Record<string, string>>(catalog: {
  "zh-CN": T;
  "zh-TW": { [K in keyof T]: string };
  en: { [K in keyof T]: string };
}) {
  return catalog;
}

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** Accepts the ways people write a language: zh, cn, 简体, tw, 繁體, english … */
export function parseLocale(input: string): Locale | null {
  const v = input.trim().toLowerCase().replace(/_/g, "-");
  if (["zh-cn", "zh", "cn", "zh-hans", "简体", "簡體", "简体中文", "中文", "zhcn"].includes(v)) return "zh-CN";
  if (["zh-tw", "tw", "zh-hant", "zh-hk", "繁体", "繁體", "繁體中文", "繁体中文", "zhtw"].includes(v)) return "zh-TW";
  if (["en", "en-us", "en-gb", "english", "英文", "英语", "英語"].includes(v)) return "en";
  return null;
}
