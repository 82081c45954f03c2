import catalog from "./catalog.ts";
import { parseLocale, type Locale } from "../../core/i18n/index.ts";

export type DiscordKey = keyof (typeof catalog)["zh-CN"];

/** The adapter's own strings; read from its catalog directly so they work before the catalog is merged. */
export function discordText(locale: Locale, key: DiscordKey): string {
  return catalog[locale][key];
}

/** Discord's locale codes for each of ours (description_localizations). */
export const DISCORD_LOCALES: Record<Locale, readonly string[]> = {
  "zh-CN": ["zh-CN"],
  "zh-TW": ["zh-TW"],
  en: ["en-US", "en-GB"],
};

/** Maps a Discord client locale (`zh-TW`, `en-GB`, `ja`) to ours, or the fallback. */
export function localeOf(discordLocale: string | null | undefined, fallback: Locale): Locale {
  return (discordLocale && parseLocale(discordLocale)) || fallback;
}
