import { renderMentions, replySummary, type Block, type Button, type Reply } from "../../core/reply.ts";
import { clip, packParagraphs, splitText } from "../../core/text/split.ts";
import catalog from "./catalog-text.ts";
import { SPLIT_ATOMS } from "./mentions.ts";

/**
 * Feishu's limits as Duban keeps them. Feishu refuses a card over 30 KB and a text message over
 * 150 KB; a Chinese character is 3 bytes in UTF-8, so 6,000 characters of text per message keep
 * a card (with its JSON) well inside, and a phone shows it without folding most of it away.
 */
export const LIMITS = { text: 6000, elements: 40, buttons: 20, header: 100 } as const;

export const PLATFORM = "feishu";

/** What a card button carries back in `card.action.trigger` (`action.value`). */
export interface ButtonValue {
  /** The typed action id (`duban:undo:42`), as on every platform. */
  action_id: string;
  /** The text command it runs as the clicking user. */
  command: string;
  /** `Button.kind` (a `page` answer replaces the card it was on). */
  kind?: string;
  /** Set when the card went to a one-to-one chat with the bot. */
  dm?: 1;
}

export type CardElement =
  | { tag: "markdown"; content: string }
  | { tag: "div"; fields: { is_short: boolean; text: { tag: "lark_md"; content: string } }[] }
  | { tag: "hr" }
  | { tag: "note"; elements: { tag: "lark_md"; content: string }[] }
  | { tag: "action"; actions: CardButton[] };

export interface CardButton {
  tag: "button";
  text: { tag: "plain_text"; content: string };
  type: "default" | "primary" | "danger";
  value: ButtonValue;
}

/** A message card (the JSON of an `interactive` message). */
export interface Card {
  config: { wide_screen_mode: true; update_multi: true };
  header?: { title: { tag: "plain_text"; content: string }; template: string };
  elements: CardElement[];
}

/** One Feishu message: an interactive card, or plain text (`text` holds Feishu text markup). */
export type FeishuMessage = { msg_type: "interactive"; card: Card } | { msg_type: "text"; text: string };

/** Mentions in card markdown: `<at id=ou_…></at>` for Feishu users (notified), `@name` for anyone else. */
export function cardMentions(text: string): string {
  return renderMentions(text, (m) => (m.platform === PLATFORM ? `<at id=${m.userId}></at>` : `@${m.name}`));
}

/** Mentions in a text message: `<at user_id="ou_…"></at>` (Feishu shows the name and notifies). */
export function textMentions(text: string): string {
  return renderMentions(text, (m) => (m.platform === PLATFORM ? `<at user_id="${m.userId}"></at>` : `@${m.name}`));
}

const plainMentions = (text: string) => renderMentions(text, (m) => `@${m.name}`);

interface Unit {
  element: CardElement;
  size: number;
}

const split = (text: string) => (text.length > LIMITS.text ? splitText(text, LIMITS.text, SPLIT_ATOMS) : [text]);

function buttonOf(b: Button, dm: boolean): CardButton {
  const value: ButtonValue = { action_id: b.actionId, command: b.command, ...(b.kind ? { kind: b.kind } : {}), ...(dm ? { dm: 1 as const } : {}) };
  return { tag: "button", text: { tag: "plain_text", content: b.label }, type: b.style ?? "default", value };
}

/** A form becomes the command to type: `{field}` placeholders shown as `<label>` (cards open no modals here). */
function formHint(button: Button, locale: Reply["locale"]): string | null {
  if (!button.form) return null;
  const labels = new Map(button.form.fields.map((f) => [f.id, f.label]));
  const usage = button.form.command.replace(/\{(\w+)\}/g, (_, id: string) => `<${labels.get(id) ?? id}>`);
  return catalog[locale ?? "zh-CN"]["feishu.form.hint"].replace("{label}", button.label).replace("{command}", `\`${usage}\``);
}

function units(b: Block, colon: string): Unit[] {
  const md = (text: string): Unit[] => split(cardMentions(text)).map((content) => ({ element: { tag: "markdown", content }, size: content.length }));
  switch (b.type) {
    case "header":
      return md(`**${b.text.replace(/\s*\n\s*/g, " ")}**`);
    case "text":
      return md(b.text);
    case "context":
      return split(cardMentions(b.text)).map((content) => ({ element: { tag: "note", elements: [{ tag: "lark_md", content }] }, size: content.length }));
    case "fields": {
      const out: Unit[] = [];
      let current: Unit | undefined;
      for (const f of b.fields) {
        const value = cardMentions(f.value);
        const short = value.length <= 40 && f.label.length <= 20;
        for (const content of split(`**${f.label}**${short ? "\n" : colon}${value}`)) {
          if (!current || current.size + content.length > LIMITS.text || (current.element as { fields: unknown[] }).fields.length >= 10) {
            current = { element: { tag: "div", fields: [] }, size: 0 };
            out.push(current);
          }
          (current.element as Extract<CardElement, { tag: "div" }>).fields.push({ is_short: short, text: { tag: "lark_md", content } });
          current.size += content.length;
        }
      }
      return out;
    }
    case "list": {
      const lines = b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : "-"} ${item.replace(/\r?\n/g, " ")}`);
      const out: string[] = [];
      for (const line of lines) {
        const last = out[out.length - 1];
        if (last !== undefined && last.length + 1 + line.length <= LIMITS.text) out[out.length - 1] = `${last}\n${line}`;
        else out.push(line);
      }
      return out.flatMap((text) => md(text));
    }
    case "divider":
      return [{ element: { tag: "hr" }, size: 0 }];
    case "actions":
      return [];
  }
}

export interface RenderOptions {
  /** The card goes to a one-to-one chat (its buttons say so, for the click's context). */
  dm?: boolean;
}

/**
 * Neutral reply → Feishu messages. Text alone becomes text messages (mentions notify); anything
 * with a header, fields, a list or buttons becomes interactive cards: the header as the card's
 * title, fields as two-column fields, lists as markdown lists, context lines as notes, buttons
 * as card buttons carrying their typed action id and command. A button's form is shown as the
 * command to type. Over {@link LIMITS.text} characters (or {@link LIMITS.elements} elements) a
 * reply is split between blocks, then between lines, never inside a mention; the title goes
 * with the first card and the buttons with the last.
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): FeishuMessage[] {
  const colon = reply.locale === "en" ? ": " : "：";
  const buttons = reply.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []));
  const textOnly = !buttons.length && reply.blocks.every((b) => b.type === "text" || b.type === "context" || b.type === "divider");
  if (textOnly) {
    const paragraphs = reply.blocks.flatMap((b) => (b.type === "text" || b.type === "context" ? split(textMentions(b.text)) : []));
    return packParagraphs(paragraphs, LIMITS.text).map((text) => ({ msg_type: "text", text }));
  }

  const first = reply.blocks[0];
  const title = first?.type === "header" && first.text.length <= LIMITS.header ? plainMentions(first.text).replace(/\s*\n\s*/g, " ") : null;
  const body: Unit[] = reply.blocks.flatMap((b, i) => (i === 0 && title !== null ? [] : units(b, colon)));
  for (const b of buttons) {
    const hint = formHint(b, reply.locale);
    if (hint) body.push({ element: { tag: "markdown", content: hint }, size: hint.length });
  }
  const cards: CardElement[][] = [];
  let current: CardElement[] = [];
  let size = 0;
  for (const u of body) {
    if (current.length && (size + u.size > LIMITS.text || current.length >= LIMITS.elements)) {
      cards.push(current);
      current = [];
      size = 0;
    }
    current.push(u.element);
    size += u.size;
  }
  if (current.length || !cards.length) cards.push(current);
  while (cards.length > 1 && cards[cards.length - 1]!.every((e) => e.tag === "hr")) cards.pop();
  const actions = buttons.slice(0, LIMITS.buttons).map((b) => buttonOf(b, Boolean(options.dm)));
  if (actions.length) cards[cards.length - 1]!.push({ tag: "action", actions });
  const more = catalog[reply.locale ?? "zh-CN"]["feishu.more"];
  return cards.map((elements, i) => ({
    msg_type: "interactive",
    card: {
      config: { wide_screen_mode: true, update_multi: true },
      ...(title !== null ? { header: { title: { tag: "plain_text", content: i === 0 ? title : `${clip(title, LIMITS.header - more.length)}${more}` }, template: "blue" } } : {}),
      elements,
    },
  }));
}


/** A text message as a card (ephemeral messages and in-place updates must be cards). */
export function asCard(m: FeishuMessage): Card {
  if (m.msg_type === "interactive") return m.card;
  const content = m.text.replace(/<at user_id="([^"]+)"><\/at>/g, "<at id=$1></at>");
  return { config: { wide_screen_mode: true, update_multi: true }, elements: [{ tag: "markdown", content }] };
}

/** The `content` field of a send: a JSON string, as Feishu wants it. */
export function messageContent(m: FeishuMessage): { msg_type: string; content: string } {
  return m.msg_type === "interactive" ? { msg_type: "interactive", content: JSON.stringify(m.card) } : { msg_type: "text", content: JSON.stringify({ text: m.text }) };
}

/** A card's texts, in reading order (title, markdown, fields, notes). */
export function cardTexts(card: Card): string[] {
  const out: string[] = card.header ? [card.header.title.content] : [];
  for (const e of card.elements) {
    if (e.tag === "markdown") out.push(e.content);
    else if (e.tag === "div") out.push(...e.fields.map((f) => f.text.content));
    else if (e.tag === "note") out.push(...e.elements.map((n) => n.content));
  }
  return out;
}

/** Everything a user would read in a message, formatting marks aside (contract suite, logs). */
export function visibleText(m: FeishuMessage): string {
  if (m.msg_type === "text") return m.text;
  const labels = m.card.elements.flatMap((e) => (e.tag === "action" ? e.actions.map((a) => a.text.content) : []));
  return [...cardTexts(m.card), ...labels].join("\n").replace(/\*\*/g, "").replace(/`/g, "");
}

/** The one-line summary of a reply (notification previews, logs). */
export function summary(reply: Reply): string {
  return clip(replySummary(reply), 80);
}
