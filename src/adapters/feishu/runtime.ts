import path from "node:path";
import type { LogSink } from "../../core/command.ts";
import type { IncomingMessage } from "../../core/context.ts";
import type { Accepted, InboundEvent } from "../../core/inbound.ts";
import { replacesItsMessage } from "../../core/paging.ts";
import type { ActionKind, Reply, ReplyFile } from "../../core/reply.ts";
import { download } from "../download.ts";
import { withSavedFiles } from "../files.ts";
import type { Attachment } from "../../core/context.ts";
import { FeishuError, type Api } from "./api.ts";
import { buttonValue, menuCommand, parseMessage, type CardActionEvent, type MenuEvent, type MessageEvent, type ParsedMessage, type RecallEvent } from "./parse.ts";
import { asCard, messageContent, PLATFORM, renderReply, visibleText, type FeishuMessage } from "./render.ts";
import type { EventHandlers } from "./ws.ts";

export interface RuntimeDeps {
  /**
   * The core's inbound path: relevance, dedupe by event id and the inbox (stored when this
   * resolves), before the frame is acknowledged. Null: nothing to handle.
   */
  accept(event: InboundEvent): Promise<Accepted | null>;
  /** Runs work after the acknowledgement, tracked for shutdown. */
  track(what: string, work: () => Promise<void>): Promise<void>;
  log: LogSink;
  /**
   * Where a reply's files are saved when Feishu refuses the upload (no `im:resource` permission):
   * the answer names each file and its path. Default: `files/` in DUBAN_DATA_DIR.
   */
  filesDir?: string;
}

/** Where the replies to one event go. */
interface Where {
  /** The chat the event came from (`oc_…`), when known. */
  chatId?: string;
  /** The asker's open_id. */
  openId: string;
  isDirect: boolean;
  /** Answer as replies to this message (a message event). */
  replyTo?: string;
  /** Replace this card with the first reply (a paging or undo button's card). */
  replace?: string;
}

/** Whether a button's answer replaces the card it was on: the next page (the core's rule); an undone update's confirmation. */
const replaces = (kind: string) => replacesItsMessage({ kind: kind as ActionKind }) || kind === "undo";
const NAMES = 500;

/**
 * The event side of the adapter. Every handler returns once the event is in the core's inbox
 * (the SDK then acknowledges the frame, so Feishu does not deliver it again and a card click is
 * answered within its three seconds); the rest runs tracked for shutdown: the core decides and answers, and the
 * replies go back — as replies to the message, as in-place card updates for paging and undo,
 * privately as ephemeral cards in groups — with a plain-text fallback when Feishu refuses a card.
 */
export function createRuntime(api: Api, deps: RuntimeDeps, bot: () => { openId: string }) {
  const { log } = deps;
  const filesDir = deps.filesDir ?? path.resolve(process.env.DUBAN_DATA_DIR ?? "data", "files");
  const names = new Map<string, string>();

  /** People the contact API was asked about (asked once: without the permission it never says). */
  const asked = new Set<string>();

  function learn(openId: string, name: string): void {
    names.delete(openId);
    names.set(openId, name);
    if (names.size > NAMES) names.delete(names.keys().next().value!);
  }

  /**
   * A person's name: one Feishu gave with a mention of them or a menu click, else the contact
   * API's (needs a contact permission; asked once per person), else their open_id.
   */
  async function nameOf(openId: string): Promise<string> {
    const known = names.get(openId);
    if (known) return known;
    if (asked.has(openId)) return openId;
    if (asked.size >= NAMES) asked.clear();
    asked.add(openId);
    const name = await api.userName(openId);
    if (name) learn(openId, name);
    return name ?? openId;
  }

  /**
   * Stores the event in the core's inbox and resolves (the handler returns and the SDK
   * acknowledges the frame: Feishu delivers an unacknowledged event again, and the inbox resumes
   * a stored one after a crash), then handles it and delivers the replies, tracked for shutdown.
   */
  function inbox(what: string, event: InboundEvent, where: Where, replace?: string): Promise<void> {
    return new Promise<void>((stored) => {
      void deps.track(what, async () => {
        let accepted: Accepted | null = null;
        try {
          accepted = await deps.accept(event);
        } finally {
          stored();
        }
        const replies = accepted ? await accepted.process() : null;
        for (const [i, reply] of (replies ?? []).entries()) await deliver(i === 0 && replace ? { ...where, replace } : where, reply);
      });
    });
  }

  function handleMessage(p: ParsedMessage): Promise<void> {
    for (const person of p.people) learn(person.openId, person.name);
    const message: IncomingMessage = { platform: PLATFORM, channelId: p.channelId, userId: p.userId, userName: p.userId, text: p.text, messageId: p.messageId, isDirect: p.isDirect, addressed: p.addressed, ...(p.file ? { attachments: [attachment(p.messageId, p.file)] } : {}) };
    // A group's answer resumed after a restart goes under the message, as it would have.
    const event: InboundEvent = { eventId: p.eventId, message, userName: () => nameOf(p.userId), ...(p.isDirect ? {} : { thread: p.messageId }) };
    return inbox("feishu message", event, { chatId: p.chatId, openId: p.userId, isDirect: p.isDirect, replyTo: p.messageId });
  }

  /** A file sent to the bot, downloaded only when the core asks (`GET …/resources/{file_key}`). */
  function attachment(messageId: string, file: { key: string; name: string }): Attachment {
    return {
      name: file.name,
      size: null,
      async fetch(maxBytes) {
        const token = await api.accessToken();
        return download(api.resourceUrl(messageId, file.key), { maxBytes, headers: { authorization: `Bearer ${token}` } });
      },
    };
  }

  /** A click or a menu item: the command as the person who chose it. */
  function run(what: string, eventId: string, where: Where, m: Omit<IncomingMessage, "platform" | "userId" | "userName"> & { userName?: string }, replace?: string, thread?: string): Promise<void> {
    const message: IncomingMessage = { platform: PLATFORM, userId: where.openId, ...m, userName: m.userName ?? where.openId, addressed: true, viaCommand: true };
    const event: InboundEvent = { eventId, message, ...(m.userName ? {} : { userName: () => nameOf(where.openId) }), ...(thread ? { thread } : {}) };
    return inbox(what, event, where, replace);
  }

  /** One reply's messages, in order; a failed one is logged and the rest are still tried. */
  async function deliver(where: Where, reply: Reply): Promise<void> {
    const privately = Boolean(reply.private) && !where.isDirect && Boolean(where.chatId) && Boolean(where.openId);
    for (const [i, m] of renderReply(reply, { dm: where.isDirect }).entries()) {
      try {
        if (privately) await api.sendEphemeral(where.chatId!, where.openId, asCard(m));
        else if (where.replace && i === 0 && !reply.private) await api.patchCard(where.replace, asCard(m));
        else await send(where, m);
      } catch (err) {
        if (!privately && m.msg_type === "interactive" && err instanceof FeishuError && err.kind === "permanent" && err.code !== 230002) {
          // A card Feishu refuses (too large, an element it does not take): the same words as text.
          log.warn({ chat: where.chatId, err: err.message }, "feishu: card refused; sending it as text");
          try {
            await send(where, { msg_type: "text", text: visibleText(m) });
            continue;
          } catch (again) {
            err = again;
          }
        }
        log.warn({ chat: where.chatId ?? where.openId, err: (err as Error).message }, "feishu: reply not delivered");
      }
    }
    if (reply.files?.length) await deliverFiles(where, reply, reply.files, privately);
  }

  /**
   * A reply's files, uploaded and sent after its text (a private reply's files to the asker
   * one-to-one: a card only they see cannot carry a file). A file Feishu will not take is saved
   * under {@link RuntimeDeps.filesDir} and the answer names where.
   */
  async function deliverFiles(where: Where, reply: Reply, files: readonly ReplyFile[], privately: boolean): Promise<void> {
    const failed: ReplyFile[] = [];
    for (const file of files) {
      try {
        const m = await api.uploadFile(file);
        if (privately) await api.send({ openId: where.openId }, m);
        else if (where.replyTo) await api.reply(where.replyTo, m);
        else if (where.chatId) await api.send({ chatId: where.chatId }, m);
        else await api.send({ openId: where.openId }, m);
      } catch (err) {
        log.warn({ chat: where.chatId ?? where.openId, file: file.name, err: (err as Error).message }, "feishu: file not sent; saving it instead");
        failed.push(file);
      }
    }
    if (!failed.length) return;
    try {
      const saved = withSavedFiles({ blocks: [], files: failed, ...(reply.locale ? { locale: reply.locale } : {}) }, filesDir);
      await deliver(where, { ...saved, ...(reply.private ? { private: true } : {}) });
    } catch (err) {
      log.error({ err: (err as Error).message, dir: filesDir }, "feishu: files of a reply could not be saved");
    }
  }

  async function send(where: Where, m: FeishuMessage): Promise<void> {
    if (where.replyTo) await api.reply(where.replyTo, messageContent(m));
    else if (where.chatId) await api.send({ chatId: where.chatId }, messageContent(m));
    else await api.send({ openId: where.openId }, messageContent(m));
  }

  const handlers: EventHandlers = {
    async "im.message.receive_v1"(data: MessageEvent) {
      const parsed = parseMessage(data, bot().openId);
      if (!parsed.ok) return void log.debug({ event: data.event_id, reason: parsed.reason }, "feishu: message ignored");
      await handleMessage(parsed.value);
    },
    async "im.message.recalled_v1"(data: RecallEvent) {
      const { message_id: messageId, chat_id: chatId } = data;
      if (!messageId || !chatId) return void log.debug({ event: data.event_id }, "feishu: recall without message or chat ignored");
      // Feishu does not say who sent the withdrawn message: the core retracts what it recorded in
      // its author's name, and says so in the chat.
      const message: IncomingMessage = { platform: PLATFORM, channelId: chatId, userId: "", userName: "", text: "", messageId, deleted: true, addressed: true };
      await inbox("feishu recall", { eventId: `recall:${messageId}`, message }, { chatId, openId: "", isDirect: false });
    },
    async "application.bot.menu_v6"(data: MenuEvent) {
      const openId = data.operator?.operator_id?.open_id;
      if (!data.event_id || !openId || !data.event_key) return void log.debug({ event: data.event_id }, "feishu: menu event without operator or key ignored");
      const where: Where = { openId, isDirect: true };
      const name = data.operator?.operator_name?.trim();
      if (name) learn(openId, name);
      await run("feishu menu", data.event_id, where, { channelId: openId, text: menuCommand(data.event_key), isDirect: true, ...(name ? { userName: name } : {}) });
    },
    async "card.action.trigger"(data: CardActionEvent) {
      const openId = data.operator?.open_id;
      const value = buttonValue(data.action?.value);
      if (!data.event_id || !openId || !value) return void log.debug({ event: data.event_id }, "feishu: card action without operator or command ignored");
      const chatId = data.context?.open_chat_id ?? data.open_chat_id;
      const where: Where = { openId, isDirect: value.dm, ...(chatId ? { chatId } : {}) };
      const card = data.context?.open_message_id ?? data.open_message_id;
      const replace = card && value.kind && replaces(value.kind) ? card : undefined;
      const channelId = value.dm || !chatId ? openId : chatId;
      await run("feishu card action", data.event_id, where, { channelId, text: value.command, messageId: data.event_id, isDirect: value.dm, button: true }, replace, value.dm ? undefined : card);
      // Answered once stored (Feishu waits three seconds at most) with an empty callback response:
      // the acknowledgement must carry one (`data: "{}"`), or Feishu shows the clicker an error
      // (108002 / 200340). The reply follows.
      return {};
    },
  };

  return { handlers, deliver };
}
