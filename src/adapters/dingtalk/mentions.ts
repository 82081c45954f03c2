import type { MentionSyntax } from "../../core/mentions.ts";
import { MENTION_TOKEN } from "./parse.ts";

/**
 * DingTalk writes `@name` as plain text and lists the people apart; the adapter turns each
 * mention it can pair with a staff id into `<@staffId|name>` (see parse.ts). A typed `@name`
 * left over names nobody the bot can identify.
 */
export const dingtalkMentions: MentionSyntax = {
  take: (text, found) =>
    text.replace(new RegExp(MENTION_TOKEN.source, "g"), (_, id: string, name: string) => {
      found(id, name.trim() || null);
      return " ";
    }),
  token: /<@[^>\s]*(?:\|[^>]*)?>/,
};
