import type { MentionSyntax } from "../../core/mentions.ts";

/**
 * A Feishu @-mention as it appears in text: `<at user_id="ou_…">name</at>` (text messages, and
 * how the adapter hands people's mentions to the core) or `<at id=ou_…></at>` (card markdown).
 * Global: use with `matchAll` / `replace`.
 */
export const AT_TAG = /<at\s+(?:user_)?id=["']?([^"'\s>]+)["']?\s*>([^<]*)<\/at>/g;

/** Mention tokens and any other tag: text splitting never cuts inside one. */
export const SPLIT_ATOMS = /<at\s[^>]*>[^<]*<\/at>|<[^<>\s][^<>]*>/g;

/** Feishu users by open_id; `@所有人` (`id=all`) names nobody the bot can identify. */
export const feishuMentions: MentionSyntax = {
  take: (text, found, unresolved) =>
    text.replace(new RegExp(AT_TAG.source, "g"), (token, id: string, name: string) => {
      if (id === "all") unresolved(token);
      else found(id, name.trim() || null);
      return " ";
    }),
  token: /<at\s[^>]*>[^<]*<\/at>/,
};
