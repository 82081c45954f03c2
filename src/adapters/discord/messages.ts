import type { Message } from "discord.js";
import { answerMessage } from "./deliver.ts";
import { discordAttachments } from "./files.ts";
import type { HandlerDeps } from "./interactions.ts";
import { conversationId, messageText } from "./parse.ts";

/**
 * Handles messages: DMs and @mentions always (Discord delivers their text without the
 * privileged Message Content intent); other messages in server channels only with that intent,
 * and then as the core decides (channels bound to a plan, known commands).
 */
export function createMessageHandler(deps: HandlerDeps & { messageContent: boolean; apiUrl?: string }) {
  const { log, codec, inbound } = deps;

  function addressedText(message: Message, botId: string): { text: string; addressed: boolean } {
    let text = messageText(message.content, botId);
    const role = message.guild?.roles.botRoleFor(botId);
    const viaRole = Boolean(role && message.mentions.roles.has(role.id));
    if (role && viaRole) text = text.replaceAll(`<@&${role.id}>`, " ").replace(/[ \t]{2,}/g, " ").trim();
    return { text, addressed: !message.inGuild() || message.mentions.users.has(botId) || viaRole };
  }

  return async function onMessage(message: Message): Promise<void> {
    const botId = message.client.user.id;
    if (message.author.bot || message.webhookId || message.system || message.author.id === botId) return;
    const { text, addressed } = addressedText(message, botId);
    // Without the Message Content intent only DMs and mentions carry their text (and files).
    const attachments = discordAttachments(message.attachments, deps.apiUrl);
    if ((!text && !attachments) || (!addressed && !deps.messageContent)) return;
    const replies = await inbound.receive({
      eventId: `message:${message.id}`,
      message: {
        platform: "discord",
        channelId: conversationId(message.channel, message.channelId),
        userId: message.author.id,
        userName: message.member?.displayName ?? message.author.displayName,
        text,
        messageId: message.id,
        isDirect: !message.inGuild(),
        addressed,
        ...(attachments ? { attachments } : {}),
      },
    });
    if (replies) await answerMessage(message, replies, codec, log);
  };
}
