import type { MentionSyntax } from "../../core/mentions.ts";

/** The console has no mention syntax: `@name` is the user id itself (console users are their --as name). */
export const consoleMentions: MentionSyntax = { take: (text) => text, plainNamesUser: true };
