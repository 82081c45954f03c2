import type { Message } from "discord.js";
import { parseCommandLine } from "../../core/input.ts";
import { answerMessage } from "./deliver.ts";
import type { HandlerDeps } from "./interactions.ts";
import { conversationId, messageText } from "./parse.ts";

/**
 * Handles messages: DMs and @mentions always (Discord delivers their text without the
 * privileged Message Content intent); other messages in server channels only with that intent,
 * and then only in channels bound to a plan, or when the text is a known command.
 */
export function createMessageHandler(deps: HandlerDeps & { messageContent: boolean }) {
  const { services, log, codec, dispatcher } = deps;

  function addressedText(message: Message, botId: string): { text: string; addressed: boolean } {
    let text = messageText(message.content, botId);
    const role = message.guild?.roles.botRoleFor(botId);
    const viaRole = Boolean(role && message.mentions.roles.has(role.id));
    if (role && viaRole) text = text.replaceAll(`<@&${role.id}>`, " ").replace(/[ \t]{2,}/g, " ").trim();
    return { text, addressed: !message.inGuild() || message.mentions.users.has(botId) || viaRole };
  }

  async function relevant(message: Message, text: string, addressed: boolean): Promise<boolean> {
    if (addressed) return true;
    if (!deps.messageContent) return false;
    const line = parseCommandLine(text, (w) => (dispatcher.registry.find(w) ? w : null));
    if (line && dispatcher.registry.find(line.word)) return true;
    const channel = await services.store.getChannel("discord", conversationId(message.channel, message.channelId));
    return channel.planId !== null;
  }

  return async function onMessage(message: Message): Promise<void> {
    const botId = message.client.user.id;
    if (message.author.bot || message.webhookId || message.system || message.author.id === botId) return;
    const { text, addressed } = addressedText(message, botId);
    if (!text || !(await relevant(message, text, addressed))) return;
    if (!(await services.store.claimEvent("discord", `message:${message.id}`))) {
      return void log.info({ message: message.id }, "discord: duplicate message ignored");
    }
    const replies = await dispatcher.handle({
      platform: "discord",
      channelId: conversationId(message.channel, message.channelId),
      userId: message.author.id,
      userName: message.member?.displayName ?? message.author.displayName,
      text,
      messageId: message.id,
      isDirect: !message.inGuild(),
      addressed,
    });
    await answerMessage(message, replies, codec, log);
  };
}
