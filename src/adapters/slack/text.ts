import { renderMentions } from "../../core/reply.ts";

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
const ATOM = /<[^<>]*>|&(?:amp|lt|gt);/g;
const BREAK_PREFERENCES: RegExp[] = [/\n/, /[。！？；.!?;]/, /[，、,：:\s]/];

/**
 * Splits text into pieces of at most `limit` UTF-16 units, preferring line ends, then sentence
 * ends, then clause breaks; never inside a surrogate pair or a markup atom. Nothing is dropped
 * except white space at the cut.
 */
export function splitText(text: string, limit: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    const head = rest.slice(0, cut).trimEnd();
    if (head) out.push(head);
    rest = rest.slice(cut).replace(/^[ \t]*\n?/, "");
  }
  if (rest.trim() || out.length === 0) out.push(rest);
  return out;
}

function cutPoint(text: string, limit: number): number {
  const protectedUntil = new Map<number, number>();
  for (const m of text.slice(0, limit + 64).matchAll(ATOM)) {
    for (let i = m.index + 1; i < m.index + m[0].length; i++) protectedUntil.set(i, m.index);
  }
  const allowed = (i: number) => !protectedUntil.has(i) && !isLowSurrogate(text.charCodeAt(i));
  const window = text.slice(0, limit);
  const floor = Math.floor(limit / 2);
  for (const re of BREAK_PREFERENCES) {
    for (let i = window.length - 1; i >= floor; i--) {
      if (re.test(window[i]!) && allowed(i + 1)) return i + 1;
    }
  }
  let cut = limit;
  while (cut > 1 && !allowed(cut)) cut = protectedUntil.get(cut) ?? cut - 1;
  return cut > 0 ? cut : limit;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A short one-line preview for notification text (the blocks carry the full content). */
export function preview(text: string, max = 300): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= max) return line;
  const cut = cutPoint(line, max - 1);
  return `${line.slice(0, cut).trimEnd()}…`;
}
