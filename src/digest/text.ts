import type { Block } from "../core/reply.ts";
import { mention } from "../core/reply.ts";
import type { MemberRef } from "../core/model.ts";
import { localDate, localDateTime } from "../core/tz.ts";
import type { Translator } from "../core/i18n/index.ts";

/** Items per list block, so every block stays well inside platform limits. */
export const LIST_CHUNK = 10;

export const day = (d: Date, tz: string) => localDate(d, tz);
export const dayTime = (d: Date, tz: string) => localDateTime(d, tz).replace("T", " ");
export const shortDay = (d: Date, tz: string) => localDate(d, tz).slice(5);

/** `██████░░░░` for a share in [0, 1]. */
export function progressBar(share: number, width = 20): string {
  const full = Math.round(Math.min(1, Math.max(0, share)) * width);
  return "█".repeat(full) + "░".repeat(width - full);
}

const MAX_UNITS_SHOWN = 3;

/** Mentions of the people responsible (or just their names), or the unit names in brackets when nobody is mapped. */
export function mentions(t: Translator, members: MemberRef[], fallback: string[], o: { plain?: boolean } = {}): string {
  if (members.length && o.plain) return members.map((m) => m.displayName).join(t("digest.sep.names"));
  if (members.length) return members.map((m) => mention(m.platform, m.platformUserId, m.displayName)).join(" ");
  if (!fallback.length) return "";
  // Phone-sized: a task owned by thirty units names the first three and counts the rest.
  const shown = fallback.slice(0, MAX_UNITS_SHOWN).join(t("digest.sep.names"));
  const more = fallback.length - MAX_UNITS_SHOWN;
  return t("digest.units", { units: more > 0 ? t("digest.unitsMore", { units: shown, total: fallback.length }) : shown });
}

/** A section: header, then the items in list blocks of {@link LIST_CHUNK}, capped with a "… and N more" line. */
export function section(t: Translator, title: string, items: string[], cap: number, empty?: string): Block[] {
  const blocks: Block[] = [{ type: "divider" }, { type: "header", text: title }];
  if (!items.length) return empty ? [...blocks, { type: "context", text: empty }] : [];
  const shown = items.slice(0, cap);
  for (let i = 0; i < shown.length; i += LIST_CHUNK) blocks.push({ type: "list", items: shown.slice(i, i + LIST_CHUNK) });
  if (items.length > cap) blocks.push({ type: "context", text: t("digest.more", { count: items.length - cap }) });
  return blocks;
}

/** Keeps one free-text note short inside a list item. */
export function clip(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
