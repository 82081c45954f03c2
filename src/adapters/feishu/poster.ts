import crypto from "node:crypto";
import type { LogSink } from "../../core/command.ts";
import type { Reply } from "../../core/reply.ts";
import { PostError, type Poster, type PostTarget } from "../../scheduler/types.ts";
import type { Api, Receiver } from "./api.ts";
import { asCard, renderReply, type Card } from "./render.ts";

export interface FeishuPosterOptions {
  /** The app id: Feishu lists the bot's own messages with it as their sender. */
  appId: string;
  logger?: LogSink;
  /** How far back findPosted looks: pages of `historyPageSize` messages (default 3 × 50). */
  historyPages?: number;
  historyPageSize?: number;
}

const MEMORY = 500;

/** A key's marker (a hash, never the key), shown small at the foot of each card of a keyed post. */
export function markerFor(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex").slice(0, 12);
}

/** Feishu's `uuid` for one part of a keyed post: a repeat within an hour is dropped by Feishu. */
function uuidFor(key: string, part: number): string {
  return crypto.createHash("sha256").update(`${key}\n${part}`).digest("hex").slice(0, 40);
}

const MARKER = /duban·([0-9a-f]{12})·(\d+)\/(\d+)/g;

function withMarker(card: Card, marker: string, part: number, parts: number): Card {
  return { ...card, elements: [...card.elements, { tag: "note", elements: [{ tag: "lark_md", content: `duban·${marker}·${part + 1}/${parts}` }] }] };
}

/**
 * Scheduled digests and reminders: a channel `oc_…` is a group chat, `ou_…` (a one-to-one
 * chat's channel) and user targets are people, by open_id; a thread is the message to reply to.
 *
 * Exactly once: every part of a keyed post is sent with a `uuid` derived from the key, so Feishu
 * itself refuses to post it twice within an hour (a retry after a timeout or a 5xx is safe), and
 * carries a small marker (a hash of the key) that `findPosted` looks for among the bot's recent
 * messages in the chat (`GET /im/v1/messages`, which needs the permission to read messages).
 * For a person the chat is known only once the bot has posted to them in this process; before
 * that findPosted answers "cannot tell".
 */
export function createFeishuPoster(api: Api, options: FeishuPosterOptions): Poster {
  const pages = options.historyPages ?? 3;
  const pageSize = options.historyPageSize ?? 50;
  /** open_id → the one-to-one chat with the bot (learned from sends). */
  const p2p = new Map<string, string>();
  const receiver = (target: PostTarget): Receiver => {
    const id = "userId" in target ? target.userId : target.channelId;
    return "userId" in target || id.startsWith("ou_") ? { openId: id } : { chatId: id };
  };
  const chatOf = (to: Receiver) => ("chatId" in to ? to.chatId : p2p.get(to.openId));

  return {
    async post(target, reply: Reply, opts = {}) {
      const to = receiver(target);
      const messages = renderReply(reply, { dm: "openId" in to });
      if (!messages.length) throw new PostError("permanent", "nothing to post (empty reply)");
      const key = opts.idempotencyKey;
      const marker = key ? markerFor(key) : "";
      let first = "";
      for (const [part, m] of messages.entries()) {
        const content = key ? { msg_type: "interactive", content: JSON.stringify(withMarker(asCard(m), marker, part, messages.length)) } : m.msg_type === "interactive" ? { msg_type: "interactive", content: JSON.stringify(m.card) } : { msg_type: "text", content: JSON.stringify({ text: m.text }) };
        try {
          const uuid = key ? uuidFor(key, part) : undefined;
          // Into a thread: as a reply to that message (an answer resumed after a restart).
          const sent = "threadId" in target && target.threadId ? await api.reply(target.threadId, content, uuid) : await api.send(to, content, uuid);
          if ("openId" in to && sent.chatId) {
            p2p.set(to.openId, sent.chatId);
            if (p2p.size > MEMORY) p2p.delete(p2p.keys().next().value!);
          }
          if (part === 0) first = sent.messageId;
        } catch (err) {
          if (part > 0) options.logger?.warn({ part, parts: messages.length, err: (err as Error).message }, "feishu: scheduled post interrupted after some of its parts");
          throw err instanceof PostError ? err : new PostError("transient", `Feishu post failed: ${(err as Error).message}`, { cause: err });
        }
      }
      // Files after the text, each once (uuid) like the parts.
      for (const [i, file] of (reply.files ?? []).entries()) {
        const m = await api.uploadFile(file);
        const uuid = key ? uuidFor(key, messages.length + i) : undefined;
        if ("threadId" in target && target.threadId) await api.reply(target.threadId, m, uuid);
        else await api.send(to, m, uuid);
      }
      return { messageRef: `feishu:${first}` };
    },

    async findPosted(target, key) {
      const chatId = chatOf(receiver(target));
      if (!chatId) return undefined;
      const marker = markerFor(key);
      const found = new Map<number, string>();
      let parts = 1;
      let token: string | undefined;
      let exhausted = false;
      for (let page = 0; page < pages; page++) {
        const list = await api.listMessages(chatId, pageSize, token);
        for (const item of list.items) {
          if (item?.sender?.sender_type !== "app" || item.sender.id !== options.appId) continue;
          for (const match of String(item?.body?.content ?? "").matchAll(MARKER)) {
            if (match[1] !== marker) continue;
            found.set(Number(match[2]) - 1, String(item.message_id));
            parts = Math.max(parts, Number(match[3]));
          }
        }
        if (!list.hasMore || !list.pageToken) {
          exhausted = true;
          break;
        }
        token = list.pageToken;
      }
      if (found.size >= parts && found.has(0)) return { messageRef: `feishu:${found.get(0)}` };
      // Some parts out, or none within reach: posting again sends them (Feishu drops repeats by uuid).
      if (found.size || exhausted) return null;
      return undefined;
    },
  };
}
