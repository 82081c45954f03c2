/**
 * Feishu events as the SDK's EventDispatcher hands them to a handler: the schema 2.0 envelope
 * flattened (`header` fields such as `event_id` beside the `event` fields). No SDK types needed.
 */

interface UserId {
  open_id?: string;
  union_id?: string;
  user_id?: string;
}

/** `im.message.receive_v1`. */
export interface MessageEvent {
  event_id?: string;
  sender?: { sender_id?: UserId; sender_type?: string };
  message?: {
    message_id?: string;
    chat_id?: string;
    /** `p2p` (one-to-one with the bot) or `group`. */
    chat_type?: string;
    message_type?: string;
    /** A JSON string: `{"text":"@_user_1 …"}` for text, `{title, content: [[…]]}` for post. */
    content?: string;
    mentions?: { key?: string; id?: UserId; name?: string }[];
  };
}

/** `application.bot.menu_v6`: a click on an item of the bot's menu (in the one-to-one chat). */
export interface MenuEvent {
  event_id?: string;
  event_key?: string;
  operator?: { operator_name?: string; operator_id?: UserId };
}

/** `im.message.recalled_v1`: a message withdrawn (by its sender or a group's owner or manager). */
export interface RecallEvent {
  event_id?: string;
  message_id?: string;
  chat_id?: string;
  recall_type?: string;
}

/** `card.action.trigger`: a click on a card button. */
export interface CardActionEvent {
  event_id?: string;
  operator?: UserId & { name?: string };
  action?: { value?: unknown; tag?: string };
  context?: { open_message_id?: string; open_chat_id?: string };
  /** Older deliveries carry the ids at the top level. */
  open_message_id?: string;
  open_chat_id?: string;
}

/** A message reduced to what Duban needs. */
export interface ParsedMessage {
  /** `message_id`: identical when Feishu delivers the same message again. */
  eventId: string;
  messageId: string;
  /** A group's `chat_id` (`oc_…`); for a one-to-one chat the sender's open_id (`ou_…`). */
  channelId: string;
  chatId: string;
  /** The sender's open_id. */
  userId: string;
  /** Text with the bot's own @ removed and other @-mentions as `<at user_id="ou_…">name</at>`. */
  text: string;
  isDirect: boolean;
  addressed: boolean;
  /** The people @-mentioned (not the bot), with the names Feishu gave. */
  people: { openId: string; name: string }[];
  /** A file sent as the message (`message_type: file`): its key for the resources API, and name. */
  file?: { key: string; name: string };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** `<at user_id="ou_…">name</at>`: how a person's mention reaches the core. */
export function atTag(openId: string, name: string): string {
  return `<at user_id="${openId}">${name.replace(/[<>]/g, "")}</at>`;
}

/** Text of a `text` or `post` (rich text) message; mention keys (`@_user_1`) left in place. */
function contentText(type: string | undefined, content: string | undefined): string | null {
  let c: any;
  try {
    c = JSON.parse(content ?? "");
  } catch {
    return null;
  }
  if (type === "text") return typeof c?.text === "string" ? c.text : null;
  if (type === "post") {
    // Either {title, content} or {zh_cn: {title, content}, …}.
    const post = Array.isArray(c?.content) ? c : (Object.values(c ?? {}).find((v: any) => Array.isArray(v?.content)) as any);
    if (!post) return null;
    const lines = (post.content as any[][]).map((line) =>
      (line ?? [])
        .map((el: any) => (el?.tag === "text" || el?.tag === "a" ? String(el.text ?? "") : el?.tag === "at" ? String(el.user_id ?? "") : ""))
        .join(""),
    );
    return [post.title, ...lines].filter((l) => typeof l === "string" && l.trim()).join("\n");
  }
  return null;
}

/**
 * Reads a message event. Messages from other bots, other message types (pictures, files,
 * stickers) and messages without a sender are refused with a reason (acknowledged, ignored).
 */
export function parseMessage(e: MessageEvent, botOpenId: string): Parsed<ParsedMessage> {
  const m = e.message;
  if (!m?.message_id) return { ok: false, reason: "no message_id" };
  if (e.sender?.sender_type && e.sender.sender_type !== "user") return { ok: false, reason: `sender_type ${e.sender.sender_type}` };
  const userId = e.sender?.sender_id?.open_id;
  if (!userId) return { ok: false, reason: "no sender open_id" };
  if (!m.chat_id) return { ok: false, reason: "no chat_id" };
  const file = m.message_type === "file" ? fileOf(m.content) : undefined;
  const raw = file ? "" : contentText(m.message_type, m.content);
  if (raw === null) return { ok: false, reason: `message_type ${m.message_type ?? "?"} is not text or a file` };
  const isDirect = m.chat_type === "p2p";
  let addressed = isDirect;
  let text = raw;
  const people: ParsedMessage["people"] = [];
  // Longest keys first: @_user_10 before @_user_1.
  for (const mention of [...(m.mentions ?? [])].sort((a, b) => (b.key ?? "").length - (a.key ?? "").length)) {
    if (!mention.key) continue;
    const openId = mention.id?.open_id;
    let replacement: string;
    if (openId && openId === botOpenId) {
      addressed = true;
      replacement = " ";
    } else if (openId) {
      replacement = atTag(openId, mention.name ?? "");
      if (mention.name?.trim()) people.push({ openId, name: mention.name.trim() });
    }
    else replacement = `@${mention.name ?? ""}`;
    text = text.split(mention.key).join(replacement);
  }
  return {
    ok: true,
    value: {
      eventId: m.message_id,
      messageId: m.message_id,
      channelId: isDirect ? userId : m.chat_id,
      chatId: m.chat_id,
      userId,
      text: text.replace(/[ \t\u00a0]{2,}/g, " ").trim(),
      isDirect,
      addressed,
      people,
      ...(file ? { file } : {}),
    },
  };
}

/** A file message's content: `{"file_key": "file_v3_…", "file_name": "工作方案.docx"}`. */
function fileOf(content: string | undefined): { key: string; name: string } | undefined {
  try {
    const c = JSON.parse(content ?? "") as { file_key?: unknown; file_name?: unknown };
    return typeof c.file_key === "string" && c.file_key ? { key: c.file_key, name: typeof c.file_name === "string" && c.file_name ? c.file_name : "file" } : undefined;
  } catch {
    return undefined;
  }
}

/** The command a bot menu item runs: its event key (`tasks` → `/tasks`; `/digest` as it is). */
export function menuCommand(eventKey: string): string {
  const key = eventKey.trim();
  return key.startsWith("/") ? key : `/${key.replace(/[_-]+/g, " ").trim()}`;
}

/** A button's value as the adapter wrote it (see render.ts), or null. */
export function buttonValue(value: unknown): { actionId: string; command: string; kind?: string; dm: boolean } | null {
  const v = value as { action_id?: unknown; command?: unknown; kind?: unknown; dm?: unknown } | null;
  if (!v || typeof v !== "object" || typeof v.command !== "string" || !v.command.trim()) return null;
  return { actionId: typeof v.action_id === "string" ? v.action_id : "", command: v.command, ...(typeof v.kind === "string" ? { kind: v.kind } : {}), dm: v.dm === 1 || v.dm === "1" };
}
