import type { Locale } from "../../core/i18n/index.ts";
import catalog from "./catalog-text.ts";

export type ConsoleTextKey = keyof (typeof catalog)["zh-CN"];
export type ConsoleTranslator = (key: ConsoleTextKey, params?: Record<string, string>) => string;

/** The console's own words (start-up, welcome, prompt), read from its own catalog. */
export function consoleText(locale: Locale): ConsoleTranslator {
  return (key, params = {}) => {
    const template = catalog[locale][key] ?? catalog["zh-CN"][key];
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
  };
}
