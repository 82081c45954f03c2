import { describe, expect, it } from "vitest";
import catalog from "../../../src/core/i18n/catalogs/targets.ts";
import { LOCALES } from "../../../src/core/i18n/index.ts";
import { translator } from "../../../src/core/i18n/index.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("targets catalog", () => {
  const reference: Record<string, string> = catalog["zh-CN"];

  it.each(LOCALES)("%s has every key, none empty, with zh-CN's placeholders", (locale) => {
    const messages: Record<string, string> = catalog[locale];
    expect(Object.keys(messages).sort()).toEqual(Object.keys(reference).sort());
    for (const [key, text] of Object.entries(messages)) {
      expect(text.trim(), `${locale} ${key}`).not.toBe("");
      expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders(reference[key]!));
    }
  });

  it("translates in each language and fills parameters", () => {
    expect(translator("zh-TW")("target.status.at_risk")).toBe("有風險");
    expect(translator("en")("target.list.page", { page: 2, pages: 3 })).toBe("Page 2/3");
  });
});
