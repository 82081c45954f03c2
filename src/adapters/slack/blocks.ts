import type { types } from "@slack/bolt";
import type { Block, Button, Reply } from "../../core/reply.ts";
import { encodeButtonValue } from "./forms.ts";
import { escapeMrkdwn, hasSlackMention, preview, splitText, toMrkdwn, toPlain, unescapeMrkdwn } from "./text.ts";

type KnownBlock = types.KnownBlock;

/** Slack's documented Block Kit limits. */
export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  text: 3000,
  header: 150,
  fields: 10,
  fieldText: 2000,
  actions: 25,
  contextElements: 10,
  buttonText: 75,
  actionId: 255,
} as const;

export interface SlackMessage {
  /** Notification fallback (the blocks carry the full content). */
  text: string;
  blocks: KnownBlock[];
}

export interface RenderedReply {
  private: boolean;
  messages: SlackMessage[];
}

const section = (text: string): KnownBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const sections = (mrkdwn: string): KnownBlock[] => splitText(mrkdwn, LIMITS.text).map(section);
const bold = (plain: string) => (plain.includes("*") ? plain : plain.split("\n").map((l) => (l.trim() ? `*${l}*` : l)).join("\n"));

function renderHeader(text: string): KnownBlock[] {
  const plain = toPlain(text);
  if (plain.length <= LIMITS.header && !hasSlackMention(text) && !plain.includes("\n")) {
    return [{ type: "header", text: { type: "plain_text", text: plain, emoji: true } }];
  }
  return sections(bold(toMrkdwn(text)));
}

function renderFields(fields: { label: string; value: string }[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  let batch: types.MrkdwnElement[] = [];
  const flush = () => {
    if (batch.length) out.push({ type: "section", fields: batch });
    batch = [];
  };
  for (const f of fields) {
    const text = `*${toMrkdwn(f.label)}*\n${toMrkdwn(f.value)}`;
    if (text.length > LIMITS.fieldText) {
      flush();
      out.push(...sections(text));
      continue;
    }
    batch.push({ type: "mrkdwn", text });
    if (batch.length === LIMITS.fields) flush();
  }
  flush();
  return out;
}

function renderList(items: string[], ordered: boolean | undefined): KnownBlock[] {
  const lines = items.map((item, i) => `${ordered ? `${i + 1}.` : "•"} ${toMrkdwn(item)}`);
  const out: KnownBlock[] = [];
  let current = "";
  for (const line of lines) {
    if (current && current.length + 1 + line.length > LIMITS.text) {
      out.push(section(current));
      current = "";
    }
    if (line.length > LIMITS.text) out.push(...sections(line));
    else current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(section(current));
  return out;
}

function renderContext(text: string): KnownBlock[] {
  const parts = splitText(toMrkdwn(text), LIMITS.text);
  const out: KnownBlock[] = [];
  for (let i = 0; i < parts.length; i += LIMITS.contextElements) {
    out.push({
      type: "context",
      elements: parts.slice(i, i + LIMITS.contextElements).map((t) => ({ type: "mrkdwn", text: t })),
    });
  }
  return out;
}

function renderButton(button: Button, actionId: string): types.Button {
  const label = toPlain(button.label);
  const el: types.Button = {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text: label.length > LIMITS.buttonText ? `${label.slice(0, LIMITS.buttonText - 1)}…` : label, emoji: true },
    value: encodeButtonValue(button),
  };
  if (button.style) el.style = button.style;
  return el;
}

function renderActions(buttons: Button[]): KnownBlock[] {
  const out: KnownBlock[] = [];
  const longLabels = buttons.filter((b) => toPlain(b.label).length > LIMITS.buttonText);
  for (let i = 0; i < buttons.length; i += LIMITS.actions) {
    const used = new Set<string>();
    const elements = buttons.slice(i, i + LIMITS.actions).map((b) => {
      let id = b.actionId.slice(0, LIMITS.actionId - 4);
      for (let n = 2; used.has(id); n++) id = `${b.actionId.slice(0, LIMITS.actionId - 4)}#${n}`;
      used.add(id);
      return renderButton(b, id);
    });
    out.push({ type: "actions", elements });
  }
  // A label too long for a button is shown in full next to it rather than cut.
  if (longLabels.length) out.push(...renderContext(longLabels.map((b) => b.label).join(" · ")));
  return out;
}

/** One neutral block as Slack blocks, each within Slack's per-object limits. */
export function renderBlock(block: Block): KnownBlock[] {
  switch (block.type) {
    case "header":
      return renderHeader(block.text);
    case "text":
      return sections(toMrkdwn(block.text));
    case "fields":
      return renderFields(block.fields);
    case "list":
      return renderList(block.items, block.ordered);
    case "context":
      return renderContext(block.text);
    case "divider":
      return [{ type: "divider" }];
    case "actions":
      return renderActions(block.buttons);
  }
}

/** Packs blocks into messages of at most `max` blocks; a header is never left last. */
export function packBlocks(blocks: KnownBlock[], max: number): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [];
  for (const b of blocks) {
    if (page.length === max) {
      const carry: KnownBlock[] = [];
      while (page.length > 1 && page[page.length - 1]!.type === "header") carry.unshift(page.pop()!);
      pages.push(page);
      page = carry;
    }
    page.push(b);
  }
  if (page.length) pages.push(page);
  return pages;
}

/** The mrkdwn/plain_text strings a block carries, as sent. */
function rawTexts(block: KnownBlock): string[] {
  const b = block as {
    type: string;
    text?: { text: string };
    fields?: { text: string }[];
    elements?: { text?: string | { text: string } }[];
  };
  const pieces: string[] = [];
  if (b.text) pieces.push(b.text.text);
  for (const f of b.fields ?? []) pieces.push(f.text);
  for (const e of b.elements ?? []) {
    if (typeof e.text === "string") pieces.push(e.text);
    else if (e.text) pieces.push(e.text.text);
  }
  return pieces;
}

/** The text a person reads in a block (entities decoded), for previews and tests. */
export function blockText(block: KnownBlock): string[] {
  const plain = block.type === "header" || block.type === "actions";
  return rawTexts(block).map((p) => (plain ? p : unescapeMrkdwn(p)));
}

function fallbackText(blocks: KnownBlock[]): string {
  for (const b of blocks) {
    if (b.type === "actions" || b.type === "divider") continue;
    const text = (b.type === "header" ? rawTexts(b).map(escapeMrkdwn) : rawTexts(b)).join(" ").replace(/\*/g, "");
    if (text.trim()) return preview(text);
  }
  return "";
}

/**
 * Renders a neutral reply as one or more Slack messages: split at Slack's limits (never cut),
 * each with a plain notification text.
 */
export function renderReply(reply: Reply, options: { maxBlocks?: number } = {}): RenderedReply {
  const blocks = reply.blocks.flatMap(renderBlock);
  const pages = packBlocks(blocks, options.maxBlocks ?? LIMITS.messageBlocks);
  return {
    private: Boolean(reply.private),
    messages: pages.map((page) => ({ text: fallbackText(page), blocks: page })),
  };
}

/** The contract's view of a rendering: the messages, and everything a member reads in them. */
export function renderForContract(reply: Reply): { payloads: unknown[]; text: string; private: boolean } {
  const out = renderReply(reply);
  return { payloads: out.messages, text: out.messages.flatMap((m) => m.blocks.flatMap(blockText)).join("\n").replace(/\*/g, ""), private: out.private };
}
