import type { Message, PartialMessage } from "discord.js";
import type { IncomingMessage } from "../../core/context.ts";
import { answerMessage } from "./deliver.ts";
import { discordAttachments } from "./files.ts";
import type { HandlerDeps } from "./interactions.ts";
import { conversationId, messageText } from "./parse.ts";

type Deps = HandlerDeps & { messageContent: boolean };

/** The text the core reads (the bot's own user or role mention taken out) and whether it addressed the bot. */
function addressedText(message: Message, botId: string): { text: string; addressed: boolean } {
  let text = messageText(message.content, botId);
  const role = message.guild?.roles.botRoleFor(botId);
  const viaRole = Boolean(role && message.mentions.roles.has(role.id));
  if (role && viaRole) text = text.replaceAll(`<@&${role.id}>`, " ").replace(/[ \t]{2,}/g, " ").trim();
  return { text, addressed: !message.inGuild() || message.mentions.users.has(botId) || viaRole };
}

/** Bots (this one included), webhooks and system notices are never read. */
function notAPerson(message: Message | PartialMessage, botId: string): boolean {
  return Boolean(message.author?.bot || message.webhookId || message.system || message.author?.id === botId);
}

/**
 * Handles messages: DMs and @mentions always (Discord delivers their text without the
 * privileged Message Content intent); other messages in server channels only with that intent,
 * and then as the core decides (channels bound to a plan, known commands).
 */
export function createMessageHandler(deps: Deps & { apiUrl?: string }) {
  const { log, codec, inbound } = deps;

  return async function onMessage(message: Message): Promise<void> {
    const botId = message.client.user.id;
    if (notAPerson(message, botId)) return;
    const { text, addressed } = addressedText(message, botId);
    // Without the Message Content intent only DMs and mentions carry their text (and files).
    const attachments = discordAttachments(message.attachments, deps.apiUrl);
    if ((!text && !attachments) || (!addressed && !deps.messageContent)) return;
    const replies = await inbound.receive({
      eventId: `message:${message.id}`,
      message: { ...neutral(message, text, addressed), ...(attachments ? { attachments } : {}) },
    });
    if (replies) await answerMessage(message, replies, codec, log);
  };
}

/** The neutral message for a person's Discord message (its text as read for the bot). */
function neutral(message: Message, text: string, addressed: boolean): IncomingMessage {
  return {
    platform: "discord",
    channelId: conversationId(message.channel, message.channelId),
    userId: message.author.id,
    userName: message.member?.displayName ?? message.author.displayName,
    text,
    messageId: message.id,
    isDirect: !message.inGuild(),
    addressed,
  };
}

/**
 * Edited and deleted messages (`messageUpdate`, `messageDelete`; with the Message partial, also
 * for messages sent before the bot started, which it never cached). An edit is a MESSAGE_UPDATE
 * whose `edited_timestamp` changed: embeds unfurling or a pin update a message too, keeping its
 * stamp. The stamp is the revision: the core retracts the earlier reading and reads the new
 * text, keyed by message and stamp, so an update Discord sends twice is handled once and the
 * next edit is not taken for a duplicate. A deletion (often only ids: Discord says nothing
 * more) retracts what the message recorded. Notices answer the message (or, once deleted, its
 * channel).
 */
export function createRevisionHandler(deps: Deps) {
  const { log, codec, inbound } = deps;

  async function onEdit(old: Message | PartialMessage, message: Message | PartialMessage): Promise<void> {
    if (message.partial) return;
    const botId = message.client.user.id;
    const stamp = message.editedTimestamp;
    if (notAPerson(message, botId) || stamp === null) return;
    if (!old.partial && old.editedTimestamp === stamp) return;
    const { text, addressed } = addressedText(message, botId);
    if (!addressed && !deps.messageContent) return;
    const revision = new Date(stamp).toISOString();
    const replies = await inbound.receive({
      eventId: `edit:${message.id}:${revision}`,
      message: { ...neutral(message, text, addressed), revision },
    });
    if (replies) await answerMessage(message, replies, codec, log, `edit:${message.id}:${revision}`);
  }

  async function onDelete(message: Message | PartialMessage): Promise<void> {
    const botId = message.client.user.id;
    if (notAPerson(message, botId)) return;
    const replies = await inbound.receive({
      eventId: `delete:${message.id}`,
      message: {
        platform: "discord",
        channelId: conversationId(message.channel, message.channelId),
        // Discord names neither the author nor the text of a message it did not cache.
        userId: message.author?.id ?? "",
        userName: message.member?.displayName ?? message.author?.displayName ?? "",
        text: "",
        messageId: message.id,
        deleted: true,
        isDirect: !message.inGuild(),
        addressed: !message.inGuild(),
      },
    });
    if (replies) await answerMessage(message, replies, codec, log, `delete:${message.id}`);
  }

  return { onEdit, onDelete };
}
