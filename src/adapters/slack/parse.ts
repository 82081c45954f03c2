import { parseCommandLine } from "../../core/input.ts";
import type { CommandRegistry } from "../../core/registry.ts";
import { unescapeMrkdwn } from "./text.ts";

/** The umbrella slash command: `/duban <anything>`. */
export const UMBRELLA = "/duban";

/**
 * Slack markup → the text the core reads. Member, channel and group references (`<@U1|name>`,
 * `<#C1|plan>`, `<!here>`) stay in Slack's own form: the core's mention parser and the update
 * recogniser read that form. Links become `label url`; entities are decoded, except that a typed
 * `<@…` cannot turn into a real mention.
 */
export function fromSlackText(text: string): string {
  const parts = text.split(/(<[^<>]*>)/);
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return unescapeMrkdwn(part.replace(/&lt;(?=[@#!])/g, "\uff1c"));
      const [target = "", label] = part.slice(1, -1).split("|", 2) as [string, string | undefined];
      if (/^(https?|mailto):/i.test(target)) return label && label !== target ? `${unescapeMrkdwn(label)} ${target}` : target;
      return part;
    })
    .join("");
}

/** Removes mentions of the bot itself (`<@UBOT>`, `<@UBOT|name>`) and tidies white space. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text.trim();
  return text
    .replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>[,:，：]?`, "g"), " ")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

export function mentionsBot(text: string, botUserId: string | undefined): boolean {
  return Boolean(botUserId) && text.includes(`<@${botUserId}`);
}

/**
 * The text a slash command stands for. `/task 7` → `/task 7`. The umbrella `/duban task 7`
 * → `/task 7`; `/duban` alone → `/help`; `/duban #7 60% 备注` (no command word) is free text.
 */
export function slashText(command: string, text: string, registry: CommandRegistry): string {
  const body = fromSlackText(text).trim();
  if (command.toLowerCase() !== UMBRELLA) return `${command} ${body}`.trim();
  if (!body) return "/help";
  const unprefixed = body.replace(/^[/!／！]\s*/, "");
  const candidate = `/${unprefixed}`;
  const line = parseCommandLine(candidate, (w) => (registry.find(w) ? w : null));
  if (line && registry.find(line.word)) return candidate;
  // A Latin word is most likely a mistyped command: let the dispatcher suggest the right one.
  if (/^[a-z][\w-]*(\s|$)/i.test(unprefixed) || unprefixed !== body) return candidate;
  return body;
}

/** Message event subtypes that carry something a person wrote. */
const HUMAN_SUBTYPES = new Set([undefined, "thread_broadcast", "file_share"]);

export interface MessageEventLike {
  type: string;
  subtype?: string;
  channel?: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
}

/** A person's own new message (not an edit, a deletion, a join notice or a bot). */
export function isHumanMessage(event: MessageEventLike): boolean {
  return HUMAN_SUBTYPES.has(event.subtype) && !event.bot_id && typeof event.user === "string" && typeof event.channel === "string";
}

/** `!task 7`, `！任务 7`: a typed command (slash commands do not work in threads). */
export function looksLikeCommand(text: string): boolean {
  return /^\s*[!！]\s*\S/.test(text);
}

/** A DM with the bot: an `im` channel, or a member id used as the channel (Home tab actions). */
export function isDirectChannel(channelId: string, channelType?: string): boolean {
  return channelType === "im" || (channelType === undefined && /^[DUW]/.test(channelId));
}

/** A message as it sits inside `message_changed` / `message_deleted` (and an edited `app_mention`). */
interface InnerMessage {
  type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  edited?: { user?: string; ts?: string };
}

export interface RevisionEventLike extends MessageEventLike {
  message?: InnerMessage;
  previous_message?: InnerMessage;
  deleted_ts?: string;
}

/** A person's edit or deletion of their own message, as the core reads it. */
export interface SlackRevision {
  kind: "edit" | "delete";
  channel: string;
  /** The message's author (a deletion whose earlier message Slack did not include: ""). */
  user: string;
  /** The edited or deleted message's own ts (the core's message id is `channel:ts`). */
  ts: string;
  threadTs?: string;
  /** Edits: the new text, as Slack wrote it (mentions not yet stripped). */
  text: string;
  /** Edits: Slack's `edited.ts`, the same on every delivery of this edit and new for the next. */
  revision?: string;
  /** The bot was mentioned in the new or the earlier text. */
  mentionsBot: boolean;
}

const fromBot = (m: InnerMessage | undefined, botUserId: string | undefined) =>
  Boolean(m && (m.bot_id || m.subtype === "bot_message" || (botUserId && m.user === botUserId)));

/**
 * `message_changed` that a person made (the new message carries `edited`; an unfurl, a reply
 * count or the bot's own chat.update does not) and `message_deleted` of a person's message.
 * Anything else (or a change without what the core needs): null.
 */
export function readRevision(event: RevisionEventLike, botUserId: string | undefined): SlackRevision | null {
  const channel = event.channel;
  if (!channel) return null;
  if (event.subtype === "message_changed") {
    const m = event.message;
    if (!m || !m.edited?.ts || !m.ts || !m.user || fromBot(m, botUserId)) return null;
    return {
      kind: "edit",
      channel,
      user: m.user,
      ts: m.ts,
      ...(m.thread_ts && m.thread_ts !== m.ts ? { threadTs: m.thread_ts } : {}),
      text: m.text ?? "",
      revision: m.edited.ts,
      mentionsBot: mentionsBot(m.text ?? "", botUserId) || mentionsBot(event.previous_message?.text ?? "", botUserId),
    };
  }
  if (event.subtype === "message_deleted") {
    const p = event.previous_message;
    const ts = event.deleted_ts ?? p?.ts;
    if (!ts || fromBot(p, botUserId)) return null;
    return {
      kind: "delete",
      channel,
      user: p?.user ?? "",
      ts,
      ...(p?.thread_ts && p.thread_ts !== ts ? { threadTs: p.thread_ts } : {}),
      text: "",
      mentionsBot: mentionsBot(p?.text ?? "", botUserId),
    };
  }
  return null;
}

/** The inbound ledger key of an edit or deletion: the message and, for an edit, its revision. */
export function revisionKey(r: Pick<SlackRevision, "kind" | "channel" | "ts" | "revision">): string {
  return r.kind === "edit" ? `edit:${r.channel}:${r.ts}:${r.revision}` : `delete:${r.channel}:${r.ts}`;
}
