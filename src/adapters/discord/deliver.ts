import {
  MessageFlags,
  type Message,
  type MessageCreateOptions,
  type RepliableInteraction,
  type SendableChannels,
} from "discord.js";
import type { LogSink } from "../../core/command.ts";
import type { Reply } from "../../core/reply.ts";
import type { ComponentCodec } from "./components.ts";
import { loggable } from "./errors.ts";
import { renderReply, type DiscordMessage } from "./format.ts";

interface Outgoing {
  message: DiscordMessage;
  private: boolean;
}

function outgoing(replies: Reply[], codec: ComponentCodec): Outgoing[] {
  return replies.flatMap((r) => renderReply(r, codec).map((message) => ({ message, private: Boolean(r.private) })));
}

const body = (m: DiscordMessage) => ({ content: m.content ?? "", embeds: m.embeds, components: m.components });

/**
 * Answers an interaction with replies: the first message as the reply (or the edit of a
 * deferred reply), the rest as follow-ups; private replies are ephemeral. A deferred (public)
 * answer that turns out private is deleted and sent as an ephemeral follow-up instead.
 * `empty` is what a slash command shows when there is nothing to say.
 */
export async function answerInteraction(i: RepliableInteraction, replies: Reply[], codec: ComponentCodec, empty: string): Promise<void> {
  const out = outgoing(replies, codec);
  if (!out.length) {
    if (i.deferred) await i.editReply({ content: empty });
    else if (i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage())) await i.deferUpdate();
    else await i.reply({ content: empty, flags: MessageFlags.Ephemeral });
    return;
  }
  for (const [n, o] of out.entries()) {
    const flags = o.private ? MessageFlags.Ephemeral : undefined;
    if (n > 0 || i.replied) await i.followUp({ ...body(o.message), flags });
    else if (!i.deferred) await i.reply({ ...body(o.message), flags });
    else if (!o.private) await i.editReply(body(o.message));
    else {
      await i.deleteReply();
      await i.followUp({ ...body(o.message), flags });
    }
  }
}

/**
 * Sends replies to a message: public ones into its channel (the first as a reply to it),
 * private ones by DM when the message was in a server channel (Discord has no ephemeral
 * messages outside interactions); if the user accepts no DMs, into the channel after all.
 */
export async function answerMessage(message: Message, replies: Reply[], codec: ComponentCodec, log: LogSink): Promise<void> {
  const channel = message.channel;
  if (!channel.isSendable()) return;
  let first = true;
  const send = async (to: SendableChannels, m: DiscordMessage) => {
    const options: MessageCreateOptions = { ...body(m) };
    if (to === channel && first) options.reply = { messageReference: message.id, failIfNotExists: false };
    first = false;
    await to.send(options);
  };
  for (const r of replies) {
    const messages = renderReply(r, codec);
    if (r.private && message.inGuild()) {
      try {
        const dm = await message.author.createDM();
        for (const m of messages) await dm.send(body(m));
        continue;
      } catch (err) {
        log.info({ err: loggable(err), user: message.author.id }, "discord: cannot DM a private reply; answering in the channel");
      }
    }
    for (const m of messages) await send(channel, m);
  }
}
