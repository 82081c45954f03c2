import { renderMentions, replySummary, type Block, type Button, type Reply } from "../../core/reply.ts";
import { clip, packParagraphs, splitText } from "../../core/text/split.ts";
import catalog from "./catalog-text.ts";

/**
 * DingTalk's limits as Duban keeps them. DingTalk refuses message text over 20,000 bytes; a
 * Chinese character is 3 bytes in UTF-8, so 4,000 characters stay well inside, and phones
 * show a message of that size without folding most of it away.
 */
export const LIMITS = { text: 4000, title: 60, buttons: 8 } as const;

export const PLATFORM = "dingtalk";

/** One DingTalk message: markdown text, the people it @-mentions, and its buttons. */
export interface DingMessage {
  /** The notification / conversation-list line. */
  title: string;
  /** DingTalk markdown, mention tokens still neutral (`<@platform:id|name>`). */
  text: string;
  buttons: { title: string; command: string }[];
}

/** A link that makes the DingTalk client send `command` as the user, into the current chat. */
export function sendMessageLink(command: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
}

const line = (s: string) => s.replace(/\r?\n/g, "  \n");

function blockText(b: Block, colon: string): string | null {
  switch (b.type) {
    case "header":
      return `#### ${b.text.replace(/\s*\n\s*/g, " ")}`;
    case "text":
      return line(b.text);
    case "context":
      return b.text.split(/\r?\n/).map((l) => `> ${l}`).join("\n");
    case "fields":
      return b.fields.map((f) => `**${f.label}**${colon}${line(f.value)}`).join("  \n");
    case "list":
      return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : "-"} ${line(item)}`).join("\n");
    case "divider":
    case "actions":
      return null;
  }
}

/** A form becomes the command to type: `{field}` placeholders shown as `<label>`. */
function formHint(button: Button, locale: Reply["locale"]): string | null {
  if (!button.form) return null;
  const labels = new Map(button.form.fields.map((f) => [f.id, f.label]));
  const usage = button.form.command.replace(/\{(\w+)\}/g, (_, id: string) => `<${labels.get(id) ?? id}>`);
  const template = catalog[locale ?? "zh-CN"]["dingtalk.form.hint"];
  return template.replace("{label}", button.label).replace("{command}", `\`${usage}\``);
}

/**
 * Neutral reply → DingTalk messages. Blocks become DingTalk markdown (headings, bold field
 * labels, quotes for context lines, lists); buttons become buttons that send their text
 * command; a button's form is shown as the command to type (DingTalk has no modals). Text over
 * {@link LIMITS.text} is split between blocks, then between lines, never inside a mention; the
 * buttons go with the last message.
 */
export function renderReply(reply: Reply): DingMessage[] {
  const colon = reply.locale === "en" ? ": " : "：";
  const parts: string[] = [];
  const buttons: DingMessage["buttons"] = [];
  for (const b of reply.blocks) {
    const text = blockText(b, colon);
    if (text) parts.push(text);
    if (b.type === "actions") {
      for (const button of b.buttons) {
        buttons.push({ title: button.label, command: button.command });
        const hint = formHint(button, reply.locale);
        if (hint) parts.push(hint);
      }
    }
  }
  const title = clip(renderMentions(replySummary(reply), (m) => `@${m.name}`).replace(/^#+\s*/, "") || "Duban", LIMITS.title);
  const texts = packParagraphs(parts.flatMap((p) => (p.length > LIMITS.text ? splitText(p, LIMITS.text) : [p])), LIMITS.text);
  if (!texts.length && !buttons.length) return [];
  if (!texts.length) texts.push(title);
  return texts.map((text, i) => ({ title, text, buttons: i === texts.length - 1 ? buttons.slice(0, LIMITS.buttons) : [] }));
}

/**
 * Mentions of DingTalk users become `@staffId` (DingTalk shows the name and notifies them when
 * the id is also listed in `at.atUserIds`); anyone else is shown as `@name`.
 */
export function resolveMentions(text: string, notify: boolean): { text: string; atUserIds: string[] } {
  const at: string[] = [];
  const out = renderMentions(text, (m) => {
    if (m.platform !== PLATFORM || !notify) return `@${m.name}`;
    if (!at.includes(m.userId)) at.push(m.userId);
    return `@${m.userId}`;
  });
  return { text: out, atUserIds: at };
}

/**
 * The sessionWebhook body for a message: markdown (mentions notify) or, with buttons, an
 * ActionCard whose buttons send their commands (ActionCards cannot @-mention: names are shown).
 */
export function sessionBody(m: DingMessage): Record<string, unknown> {
  if (!m.buttons.length) {
    const { text, atUserIds } = resolveMentions(m.text, true);
    return { msgtype: "markdown", markdown: { title: m.title, text }, ...(atUserIds.length ? { at: { atUserIds, isAtAll: false } } : {}) };
  }
  const { text } = resolveMentions(m.text, false);
  return {
    msgtype: "actionCard",
    actionCard: {
      title: m.title,
      text,
      btnOrientation: m.buttons.length <= 2 ? "1" : "0",
      btns: m.buttons.map((b) => ({ title: b.title, actionURL: sendMessageLink(b.command) })),
    },
  };
}

/**
 * The OpenAPI robot-send form (`msgKey` + `msgParam`): `sampleMarkdown`, with buttons as
 * links at the end of the text that send their commands.
 */
export function robotMessage(m: DingMessage): { msgKey: string; msgParam: string } {
  const { text } = resolveMentions(m.text, false);
  const links = m.buttons.map((b) => `[${b.title}](${sendMessageLink(b.command)})`).join(" · ");
  return { msgKey: "sampleMarkdown", msgParam: JSON.stringify({ title: m.title, text: links ? `${text}\n\n${links}` : text }) };
}

/** Everything a user would read in a message, formatting marks aside (contract suite, logs). */
export function visibleText(body: Record<string, any>): string {
  const card = body.actionCard as { title: string; text: string; btns?: { title: string }[] } | undefined;
  const raw = card ? `${card.text}\n${(card.btns ?? []).map((b) => b.title).join("\n")}` : String(body.markdown?.text ?? body.text?.content ?? "");
  return raw.replace(/^#{1,6} /gm, "").replace(/^> /gm, "").replace(/\*\*/g, "").replace(/`/g, "");
}
