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
   * `@word` typed as plain text on a platform with a mention menu (not picked from it), and
   * mentions of groups or roles: they name nobody the bot can identify.
   */
  unresolved: string[];
}

/**
 * A platform's mention syntax, owned by its adapter. `take` removes every platform mention token
 * from the text (replacing it with a space) and reports each through `found` or `unresolved`.
 */
export interface MentionSyntax {
  take(text: string, found: (userId: string, displayName: string | null) => void, unresolved: (token: string) => void): string;
  /**
   * Plain `@name` names the user whose id is `name` (a platform without a mention menu, such as
   * the console). Otherwise a typed `@name` is reported as unresolved.
   */
  plainNamesUser?: boolean;
  /**
   * A regular expression source matching one mention token as the platform writes it, so text
   * splitting never cuts inside one (e.g. `<@[^>\s]+>`).
   */
  token?: RegExp;
}

/** A platform the core knows nothing about: no tokens, typed `@names` unresolved. */
export const NO_MENTIONS: MentionSyntax = { take: (text) => text };

/** `@name` at the start or after a space or a list separator; stops at separators. */
const PLAIN = /(^|[\s,，、;；])[@＠]([^\s@＠,，、;；<>]+)/g;
const trimName = (s: string) => s.replace(/[。.:：!！?？)）]+$/, "");

/** Finds the people mentioned in command text, in the syntax of the platform it came from. */
export function parseMentions(syntax: MentionSyntax, text: string): MentionParse {
  const found: ParsedMention[] = [];
  const unresolved: string[] = [];
  const add = (userId: string, displayName: string | null) => {
    const seen = found.find((m) => m.userId === userId);
    if (!seen) found.push({ userId, displayName });
    else if (!seen.displayName && displayName) seen.displayName = displayName;
  };
  let rest = syntax.take(text, add, (token) => unresolved.push(token));
  rest = rest.replace(PLAIN, (_, before: string, word: string) => {
    const name = trimName(word);
    if (!name) return before;
    if (syntax.plainNamesUser) add(name, name);
    else unresolved.push(`@${name}`);
    return `${before} `;
  });
  // Separators left between mentions (`@a、@b`, `<@U1>, <@U2>`) are not part of the text.
  rest = rest.replace(/(^|\s)[,，、;；]+(?=\s|$)/g, " ");
  return { mentions: found, rest: rest.replace(/\s+/g, " ").trim(), unresolved };
}
