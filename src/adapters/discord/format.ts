import type { APIEmbed } from "discord.js";
import { renderMentions, type Block, type Button, type Reply } from "../../core/reply.ts";
import type { ButtonRow, ComponentCodec } from "./components.ts";
import { LIMITS, splitText } from "./limits.ts";

/** One message to send: what `reply`, `followUp` and `channel.send` take. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** Attachments (a reply's files), on the last message of the reply. */
  files?: { name: string; data: Uint8Array }[];
}

const COLOR = 0xb22222;
const BLANK = "\u200b";
const NUMBERED = /^\s*(?:\d+|[一二三四五六七八九十]+)[.、)）]/;
/** Description pieces stay below the embed limit so a title still fits in the message budget. */
const PIECE = 3800;

type Mention = { platform: string; userId: string; name: string };

/** Discord users as real mentions; everyone else as `@name`. */
export function renderMention(m: Mention): string {
  return m.platform === "discord" ? `<@${m.userId}>` : `@${m.name}`;
}
const rich = (s: string) => renderMentions(s, renderMention);
const plain = (s: string) => renderMentions(s, (m) => `@${m.name}`);

type Item = { kind: "title"; text: string } | { kind: "line"; text: string } | { kind: "field"; name: string; value: string } | { kind: "break" };

function items(block: Block): Item[] {
  const lines = (text: string) => splitText(text, PIECE).map((t): Item => ({ kind: "line", text: t }));
  switch (block.type) {
    case "header": {
      const text = plain(block.text);
      return text.length <= LIMITS.title ? [{ kind: "title", text }] : [{ kind: "break" }, ...lines(`**${rich(block.text)}**`)];
    }
    case "text":
      return lines(rich(block.text));
    case "context":
      return lines(/[*_]/.test(block.text) ? rich(block.text) : `*${rich(block.text)}*`);
    case "list":
      // Items that already carry their own number (`1. …`) get no extra bullet.
      return block.items.flatMap((item, i) =>
        lines(block.ordered ? `${i + 1}. ${rich(item)}` : NUMBERED.test(item) ? rich(item) : `• ${rich(item)}`),
      );
    case "divider":
      return [{ kind: "break" }];
    case "fields":
      return block.fields.flatMap((f): Item[] => {
        const name = plain(f.label);
        const value = rich(f.value) || BLANK;
        if (name.length <= LIMITS.fieldName && value.length <= LIMITS.fieldValue) return [{ kind: "field", name, value }];
        return lines(`**${rich(f.label)}**：${value}`);
      });
    case "actions":
      return [];
  }
}

const embedSize = (e: APIEmbed) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** Packs items into embeds and embeds into messages within Discord's limits; nothing is cut. */
class Packer {
  readonly messages: APIEmbed[][] = [];
  private embeds: APIEmbed[] = [];
  private cur: APIEmbed = { color: COLOR };
  private used = 0;

  constructor(private readonly budget: number) {}

  add(item: Item): void {
    if (item.kind === "break") return this.closeEmbed();
    if (item.kind === "title") {
      this.closeEmbed();
      this.room(item.text.length);
      this.cur.title = item.text;
    } else if (item.kind === "field") {
      if ((this.cur.fields?.length ?? 0) >= LIMITS.fieldsPerEmbed) this.closeEmbed();
      this.room(item.name.length + item.value.length);
      (this.cur.fields ??= []).push({ name: item.name, value: item.value, inline: item.value.length <= 40 });
    } else this.line(item.text);
  }

  /** Text after fields goes into a blank-named field (it reads as a paragraph) or a new embed. */
  private line(text: string): void {
    const fields = this.cur.fields;
    if (fields?.length) {
      const last = fields[fields.length - 1]!;
      if (last.name === BLANK && last.value.length + 1 + text.length <= LIMITS.fieldValue && this.fits(text.length + 1)) {
        last.value += `\n${text}`;
        return;
      }
      if (text.length <= LIMITS.fieldValue && fields.length < LIMITS.fieldsPerEmbed && this.fits(text.length + 1)) {
        fields.push({ name: BLANK, value: text, inline: false });
        return;
      }
      this.closeEmbed();
    }
    const sep = this.cur.description ? 1 : 0;
    if ((this.cur.description?.length ?? 0) + sep + text.length > LIMITS.description) this.closeEmbed();
    this.room(text.length + (this.cur.description ? 1 : 0));
    this.cur.description = this.cur.description ? `${this.cur.description}\n${text}` : text;
  }

  private fits(extra: number): boolean {
    return this.used + embedSize(this.cur) + extra <= this.budget;
  }

  /** Makes room for `extra` characters in the current message, moving on to a new one if needed. */
  private room(extra: number): void {
    if (this.fits(extra)) return;
    this.closeEmbed();
    this.closeMessage();
  }

  private closeEmbed(): void {
    if (embedSize(this.cur) === 0) return;
    this.embeds.push(this.cur);
    this.used += embedSize(this.cur);
    this.cur = { color: COLOR };
    if (this.embeds.length >= LIMITS.embedsPerMessage) this.closeMessage();
  }

  private closeMessage(): void {
    if (this.embeds.length) this.messages.push(this.embeds);
    this.embeds = [];
    this.used = 0;
  }

  finish(): APIEmbed[][] {
    this.closeEmbed();
    this.closeMessage();
    return this.messages;
  }
}

/**
 * Renders a neutral reply as one or more Discord messages: embeds for the content (split across
 * messages when it exceeds a limit), buttons as action rows on the last message. A reply of a
 * few short text lines is sent as plain content. `reserve` keeps that many characters of each
 * message's embed budget free (for an embed footer added afterwards).
 */
export function renderReply(reply: Reply, codec: ComponentCodec, options: { reserve?: number } = {}): DiscordMessage[] {
  const buttons: Button[] = reply.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []));
  const groups = buttons.length ? codec.rows(buttons) : [];
  const textOnly = reply.blocks.every((b) => b.type === "text" || b.type === "actions");
  const content = reply.blocks.flatMap((b) => (b.type === "text" ? [rich(b.text)] : [])).join("\n");
  let messages: DiscordMessage[];
  if (textOnly && content.length <= LIMITS.content) {
    messages = content ? [{ content, embeds: [], components: [] }] : [];
  } else {
    const packer = new Packer(LIMITS.charsPerMessage - (options.reserve ?? 0));
    for (const block of reply.blocks) for (const item of items(block)) packer.add(item);
    messages = packer.finish().map((embeds) => ({ embeds, components: [] }));
  }
  groups.forEach((rows, i) => {
    const target = i === 0 ? messages[messages.length - 1] : undefined;
    if (target) target.components = rows;
    else messages.push({ content: "⋯", embeds: [], components: rows });
  });
  if (reply.files?.length) {
    // Discord takes up to 10 attachments per message.
    const files = reply.files.map((f) => ({ name: f.name, data: f.data }));
    for (let i = 0; i < files.length; i += 10) {
      const chunk = files.slice(i, i + 10);
      const last = i === 0 ? messages[messages.length - 1] : undefined;
      if (last) last.files = chunk;
      else messages.push({ content: "📎", embeds: [], components: [], files: chunk });
    }
  }
  return messages;
}

/** Everything a member reads in a rendered message: content, embed texts and button labels. */
export function visibleText(message: DiscordMessage): string {
  const parts: string[] = [message.content ?? ""];
  for (const e of message.embeds) {
    parts.push(e.title ?? "", e.description ?? "");
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  for (const row of message.components) for (const c of row.components) parts.push("label" in c ? (c.label ?? "") : "");
  return parts.filter(Boolean).join("\n");
}
