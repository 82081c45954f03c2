import { renderMentions } from "../../core/reply.ts";
import { cutPoint, splitText as splitCore } from "../../core/text/split.ts";

/** Slack member ids (`U…`, `W…`); anything else is rendered as a plain `@name`. */
const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** Escapes the three characters Slack's mrkdwn treats as markup. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function unescapeMrkdwn(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** How a neutral mention shows in mrkdwn: a real mention for Slack members, `@name` otherwise. */
export function renderSlackMention(m: { platform: string; userId: string; name: string }): string {
  return m.platform === "slack" && SLACK_USER_ID.test(m.userId) ? `<@${m.userId}>` : `@${escapeMrkdwn(m.name)}`;
}

/** Neutral text → mrkdwn: escaped, with mention tokens rendered for Slack. */
export function toMrkdwn(text: string): string {
  const rendered: string[] = [];
  const marked = renderMentions(text, (m) => {
    rendered.push(renderSlackMention(m));
    return `\u0000${rendered.length - 1}\u0000`;
  });
  return escapeMrkdwn(marked).replace(/\u0000(\d+)\u0000/g, (_, i: string) => rendered[Number(i)] ?? "");
}

/** Neutral text → plain_text objects (headers, buttons, modals): mentions become `@name`. */
export function toPlain(text: string): string {
  return renderMentions(text, (m) => `@${m.name}`);
}

export function hasSlackMention(text: string): boolean {
  let found = false;
  renderMentions(text, (m) => {
    if (m.platform === "slack") found = true;
    return "";
  });
  return found;
}

/** Spans that must not be cut: `<@U1>`, `<#C1|x>`, `&amp;` and friends. */
/** Mentions, links and the three entities mrkdwn escapes: never cut. */
const ATOM = /<[^<>]*>|&(?:amp|lt|gt);/g;

/** Slack's split: the core splitter with mrkdwn's atoms protected. */
export const splitText = (text: string, limit: number): string[] => splitCore(text, limit, ATOM);

/** A short one-line preview for notification text (the blocks carry the full content). */
export function preview(text: string, max = 300): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = cutPoint(line, max - 1, ATOM);
  return `${line.slice(0, cut).trimEnd()}…`;
}
