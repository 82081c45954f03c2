import type { MentionSyntax } from "../../core/mentions.ts";

const SLACK = /<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g;
const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Slack sends `<@U012ABC>` or `<@U012ABC|name>` (names escaped as mrkdwn). */
export const slackMentions: MentionSyntax = {
  take: (text, found) =>
    text.replace(SLACK, (_, id: string, name: string | undefined) => {
      found(id, name?.trim() ? decode(name.trim()) : null);
      return " ";
    }),
  token: /<[@#!][^>\s]*>/,
};
