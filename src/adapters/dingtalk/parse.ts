/** A robot message (`/v1.0/im/bot/messages/get`) as the adapter reads it; no SDK types needed. */
export interface RobotPayload {
  msgId?: string;
  msgtype?: string;
  conversationId?: string;
  /** "1" a one-to-one chat with the robot, "2" a group. */
  conversationType?: string;
  conversationTitle?: string;
  senderStaffId?: string;
  senderId?: string;
  senderNick?: string;
  chatbotUserId?: string;
  isInAtList?: boolean;
  atUsers?: { dingtalkId?: string; staffId?: string }[];
  text?: { content?: string };
  sessionWebhook?: string;
  sessionWebhookExpiredTime?: number;
  robotCode?: string;
}

/** A robot message reduced to what Duban needs. */
export interface RobotMessage {
  /** `msgId`: identical when DingTalk pushes the same message again. */
  eventId: string;
  /** `conversationId` (an openConversationId, `cid…`): the channel for bindings and group posts. */
  channelId: string;
  /** `senderStaffId`, the user id in the organisation (what `/owner`, admins and DMs use). */
  userId: string;
  userName: string;
  /** Text with the robot's own @ removed and other @-mentions as `<@staffId|name>` tokens. */
  text: string;
  isDirect: boolean;
  /** The robot was @-mentioned (always, for a group message DingTalk delivers). */
  addressed: boolean;
  /** Where replies to this message go, and until when (ms since epoch). */
  sessionWebhook: string | null;
  sessionWebhookExpiresAt: number | null;
}

export type ParseResult = { ok: true; message: RobotMessage } | { ok: false; reason: string };

/** `@name` at the start or after white space; DingTalk ends a picked mention with U+2005. */
const AT_WORD = /(^|\s)[@＠]([^\s@＠]+)/g;

/** A DingTalk mention token inside message text handed to the core: `<@staffId|name>`. */
export const MENTION_TOKEN = /<@([^|>\s]+)\|([^>]*)>/g;

export function mentionToken(staffId: string, name: string): string {
  return `<@${staffId}|${name.replace(/[>|]/g, "")}>`;
}

/**
 * Reads a robot text message. Other message types (pictures, files, rich text) and messages
 * without a sender id are refused with a reason (the adapter acknowledges and ignores them).
 */
export function parseRobotMessage(p: RobotPayload): ParseResult {
  if (!p.msgId) return { ok: false, reason: "no msgId" };
  if (p.msgtype !== "text") return { ok: false, reason: `msgtype ${p.msgtype ?? "?"} is not text` };
  const userId = p.senderStaffId?.trim();
  if (!userId) return { ok: false, reason: "no senderStaffId (a user outside the organisation)" };
  if (!p.conversationId) return { ok: false, reason: "no conversationId" };
  const isDirect = p.conversationType === "1";
  const text = resolveMentions((p.text?.content ?? "").replace(/\u2005/g, " "), p, isDirect);
  return {
    ok: true,
    message: {
      eventId: p.msgId,
      channelId: p.conversationId,
      userId,
      userName: p.senderNick?.trim() || userId,
      text: text.replace(/[ \t]{2,}/g, " ").trim(),
      isDirect,
      addressed: isDirect || p.isInAtList !== false,
      sessionWebhook: p.sessionWebhook ?? null,
      sessionWebhookExpiresAt: typeof p.sessionWebhookExpiredTime === "number" ? p.sessionWebhookExpiredTime : null,
    },
  };
}

/**
 * DingTalk leaves `@name` as plain text and lists the mentioned people apart (`atUsers`, with
 * staff ids, without names, the robot included). When the typed `@words` and the listed people
 * match one for one, each `@name` becomes a token naming its staff id; a leading `@` that is
 * left over is the robot's own. When they do not match, the text is left alone and the core
 * reports the names it cannot identify.
 */
function resolveMentions(text: string, p: RobotPayload, isDirect: boolean): string {
  const people = (p.atUsers ?? []).filter((u) => u.dingtalkId !== p.chatbotUserId && u.staffId).map((u) => u.staffId!);
  const words = [...text.matchAll(AT_WORD)];
  let skipFirst = false;
  if (!isDirect && words.length === people.length + 1 && text.trimStart().startsWith(`${words[0]![0].trim()}`)) skipFirst = true;
  else if (words.length !== people.length) return text;
  let i = 0;
  return text.replace(AT_WORD, (_, before: string, name: string) => {
    const index = i++;
    if (skipFirst && index === 0) return before;
    const staffId = people[skipFirst ? index - 1 : index]!;
    return `${before}${mentionToken(staffId, name)}`;
  });
}
