/** Events as Feishu pushes them over the long connection (schema 2.0 envelopes). */
import crypto from "node:crypto";

export const TENANT_KEY = "tenant0001";
export const BOT_OPEN_ID = "ou_bot000000000000000000000000001";
export const BOT_NAME = "督办";

let seq = 0;
const id = (prefix: string) => `${prefix}${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}${(++seq).toString(36)}`;

export function envelope(appId: string, eventType: string, event: Record<string, unknown>, eventId = id("ev")): Record<string, any> {
  return {
    schema: "2.0",
    header: { event_id: eventId, event_type: eventType, create_time: String(Date.now()), token: "verification-token-fake", app_id: appId, tenant_key: TENANT_KEY },
    event,
  };
}

export const userIds = (openId: string) => ({ union_id: `on_${openId.slice(3)}`, user_id: `u${openId.slice(3, 11)}`, open_id: openId });

export interface MessageOptions {
  /** The text as typed; `@name` of anyone in `mentions` (and `@督办` for the bot) becomes a mention key. */
  text: string;
  chatType?: "p2p" | "group";
  chatId: string;
  sender: string;
  /** People picked from the @ menu, by name (the bot is added when the text names it). */
  mentions?: { name: string; openId: string }[];
  messageId?: string;
  /** `post` sends the text as rich text (one paragraph). */
  messageType?: "text" | "post";
  /** A file message instead of text (the text is ignored). */
  file?: { key: string; name: string };
}

/**
 * `im.message.receive_v1`. Feishu replaces each picked mention in the text with a key
 * (`@_user_1`, `@_user_2`, … in order) and lists the keys with the person's ids and name.
 */
export function messageEvent(appId: string, o: MessageOptions): Record<string, any> {
  const people = [...(o.text.includes(`@${BOT_NAME}`) ? [{ name: BOT_NAME, openId: BOT_OPEN_ID }] : []), ...(o.mentions ?? [])];
  const mentions: Record<string, unknown>[] = [];
  let text = o.text;
  for (const p of people) {
    if (!text.includes(`@${p.name}`)) continue;
    const key = `@_user_${mentions.length + 1}`;
    text = text.replace(`@${p.name}`, key);
    mentions.push({ key, id: userIds(p.openId), name: p.name, tenant_key: TENANT_KEY });
  }
  const content = o.file
    ? { file_key: o.file.key, file_name: o.file.name }
    : o.messageType === "post"
      ? { title: "", content: [text.split(/(@_user_\d+)/).filter(Boolean).map((part) => (/^@_user_\d+$/.test(part) ? { tag: "at", user_id: part, user_name: people[Number(part.slice(7)) - 1]?.name ?? "" } : { tag: "text", text: part }))] }
      : { text };
  return envelope(appId, "im.message.receive_v1", {
    sender: { sender_id: userIds(o.sender), sender_type: "user", tenant_key: TENANT_KEY },
    message: {
      message_id: o.messageId ?? id("om_"),
      root_id: "",
      parent_id: "",
      create_time: String(Date.now()),
      update_time: String(Date.now()),
      chat_id: o.chatId,
      thread_id: "",
      chat_type: o.chatType ?? "p2p",
      message_type: o.file ? "file" : (o.messageType ?? "text"),
      content: JSON.stringify(content),
      ...(mentions.length ? { mentions } : {}),
      user_agent: "Mozilla/5.0 Lark/7.30",
    },
  });
}

/** `application.bot.menu_v6`: an item of the bot's menu clicked in the one-to-one chat. */
export function menuEvent(appId: string, o: { operator: string; name?: string; eventKey: string }): Record<string, any> {
  return envelope(appId, "application.bot.menu_v6", {
    operator: { operator_name: o.name ?? "张三", operator_id: userIds(o.operator) },
    event_key: o.eventKey,
    timestamp: Math.floor(Date.now() / 1000),
  });
}

/** `card.action.trigger`: a card button clicked. */
export function cardActionEvent(appId: string, o: { operator: string; value: unknown; messageId: string; chatId: string }): Record<string, any> {
  return envelope(appId, "card.action.trigger", {
    operator: { tenant_key: TENANT_KEY, ...userIds(o.operator) },
    token: `c-${crypto.randomUUID()}`,
    action: { value: o.value, tag: "button" },
    host: "im_message",
    context: { open_message_id: o.messageId, open_chat_id: o.chatId },
  });
}

/** `im.message.recalled_v1`: a message withdrawn. */
export function recallEvent(appId: string, o: { messageId: string; chatId: string; recallType?: string }): Record<string, any> {
  return envelope(appId, "im.message.recalled_v1", { message_id: o.messageId, chat_id: o.chatId, recall_time: String(Date.now()), recall_type: o.recallType ?? "message_owner" });
}
