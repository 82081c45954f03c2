import type { Platform } from "./context.ts";

export interface ParsedMention {
  /** The platform user id (console: the name given with --as). */
  userId: string;
  /** The name the platform put in the mention, when it gave one. */
  displayName: string | null;
}

export interface MentionParse {
  /** Distinct people, in the order they were first mentioned. */
  mentions: ParsedMention[];
  /** The text with the mentions taken out, white space collapsed. */
  rest: string;
  /**
   * `@word` typed as plain text on Slack or Discord (not picked from the @ menu), and Discord role
   * mentions: they name nobody the bot can identify.
   */
  unresolved: string[];
}

const SLACK = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;
const DISCORD_USER = /<@!?(\d{5,25})>/g;
const DISCORD_ROLE = /<@&\d+>/g;
/** `@name` at the start or after a space or a list separator; stops at separators. */
const PLAIN = /(^|[\s,，、;；])[@＠]([^\s@＠,，、;；<>]+)/g;

const decodeSlack = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const trimName = (s: string) => s.replace(/[。.:：!！?？)）]+$/, "");

/**
 * Finds the people mentioned in command text. Slack sends `<@U012ABC>` or `<@U012ABC|name>`,
 * Discord `<@123456>` or `<@!123456>`; the console has no mention syntax, so `@name` there is the
 * user id itself (console users are identified by their --as name).
 */
export function parseMentions(platform: Platform, text: string): MentionParse {
  const found: ParsedMention[] = [];
  const unresolved: string[] = [];
  const add = (userId: string, displayName: string | null) => {
    const seen = found.find((m) => m.userId === userId);
    if (!seen) found.push({ userId, displayName });
    else if (!seen.displayName && displayName) seen.displayName = displayName;
  };
  let rest = text;
  if (platform === "slack") {
    rest = rest.replace(SLACK, (_, id: string, name: string | undefined) => {
      add(id, name?.trim() ? decodeSlack(name.trim()) : null);
      return " ";
    });
  } else if (platform === "discord") {
    rest = rest.replace(DISCORD_ROLE, (role: string) => {
      unresolved.push(role);
      return " ";
    });
    rest = rest.replace(DISCORD_USER, (_, id: string) => {
      add(id, null);
      return " ";
    });
  }
  rest = rest.replace(PLAIN, (_, before: string, word: string) => {
    const name = trimName(word);
    if (!name) return before;
    if (platform === "console") add(name, name);
    else unresolved.push(`@${name}`);
    return `${before} `;
  });
  // Separators left between mentions (`@a、@b`, `<@U1>, <@U2>`) are not part of the text.
  rest = rest.replace(/(^|\s)[,，、;；]+(?=\s|$)/g, " ");
  return { mentions: found, rest: rest.replace(/\s+/g, " ").trim(), unresolved };
}
