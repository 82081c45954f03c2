import { describe, expect, it } from "vitest";
import { LOCALES, MESSAGES } from "../../src/core/i18n/index.ts";
import { commands } from "../../commands/index.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  const reference = MESSAGES["zh-CN"];

  it.each(LOCALES)("%s has every key, none empty, with the same placeholders as zh-CN", (locale) => {
    const catalog = MESSAGES[locale];
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(reference).sort());
    for (const [key, text] of Object.entries(catalog)) {
      expect(text.trim(), `${locale} ${key}`).not.toBe("");
      expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(reference[key]!));
    }
  });

  it("every command's help text exists in every language", () => {
    for (const c of commands) for (const locale of LOCALES) {
      expect(MESSAGES[locale][c.summary], `${locale} ${c.summary}`).toBeTruthy();
      expect(MESSAGES[locale][c.usage], `${locale} ${c.usage}`).toBeTruthy();
    }
  });

  it("zh-TW is not just a copy of zh-CN where the scripts differ", () => {
    expect(MESSAGES["zh-TW"]["help.title"]).not.toBe(reference["help.title"]);
  });
});
