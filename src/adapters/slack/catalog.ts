import type { Locale } from "../../core/i18n/index.ts";
import catalog from "./catalog-text.ts";

export type SlackTextKey = keyof (typeof catalog)["zh-CN"];

/** The adapter's own strings, read straight from its catalog (also merged into the core's). */
export function slackText(locale: Locale, key: SlackTextKey, params: Record<string, string> = {}): string {
  const template = catalog[locale][key] ?? catalog["zh-CN"][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
