import catalog from "../core/i18n/catalogs/digest.ts";
import { translate, type Locale, type MessageKey, type MessageParams } from "../core/i18n/index.ts";

export type DigestKey = keyof (typeof catalog)["zh-CN"];
export type DigestT = (key: DigestKey, params?: MessageParams) => string;

const fill = (template: string, params: MessageParams) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/**
 * Translator for this area's keys. Reads the digest catalog directly, so it works whether or not
 * the catalog is registered in the core's CATALOGS yet.
 */
export function digestTranslator(locale: Locale): DigestT {
  return (key, params = {}) => fill(catalog[locale][key] ?? catalog["zh-CN"][key], params);
}

/** A core key (roles, errors) through the core translator. */
export function coreText(locale: Locale, key: MessageKey, params?: MessageParams): string {
  return translate(locale, key, params);
}
