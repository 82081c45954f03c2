import type { MentionSyntax } from "../../core/mentions.ts";

const USER = /<@!?(\d{5,25})>/g;
const ROLE = /<@&\d+>/g;

/** Discord sends `<@123456>` or `<@!123456>`; role mentions (`<@&1>`) name nobody in particular. */
export const discordMentions: MentionSyntax = {
  take(text, found, unresolved) {
    return text
      .replace(ROLE, (role: string) => {
        unresolved(role);
        return " ";
      })
      .replace(USER, (_, id: string) => {
        found(id, null);
        return " ";
      });
  },
  token: /<(?:@[!&]?|#|:\w+:|t:)\d*[^>\s]*>/,
};
