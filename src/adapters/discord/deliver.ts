import {
  MessageFlags,
  REST,
  Routes,
  type Client,
  type Message,
  type MessageCreateOptions,
  type PartialMessage,
  type RepliableInteraction,
  type SendableChannels,
} from "discord.js";
import type { LogSink } from "../../core/command.ts";
import type { Reply } from "../../core/reply.ts";
import type { ComponentCodec } from "./components.ts";
import { loggable } from "./errors.ts";
import { renderReply, type DiscordMessage } from "./format.ts";
import { nonceFor } from "./poster.ts";

interface Outgoing {
  message: DiscordMessage;
  private: boolean;
}

function outgoing(replies: Reply[], codec: ComponentCodec): Outgoing[] {
  return replies.flatMap((r) => renderReply(r, codec).map((message) => ({ message, private: Boolean(r.private) })));
}

const body = (m: DiscordMessage) => ({
  content: m.content ?? "",
  embeds: m.embeds,
  components: m.components,
  ...(m.files?.length ? { files: m.files.map((f) => ({ attachment: Buffer.from(f.data), name: f.name })) } : {}),
});

/**
 * A REST instance for interaction follow-ups, on the client's API base. Rate limits are waited
 * out and the call made again (Discord refused it, so nothing was posted), but a 5xx or a
 * timeout is not retried: a follow-up has no nonce, and Discord may have posted it before
 * failing. discord.js's own REST retries those, which is harmless for interaction callbacks
 * (Discord refuses a second one) and for channel messages sent with an enforced nonce.
 */
export function followUpRest(client: Client): REST {
  return new REST({ ...client.rest.options, retries: 0 });
}

/** Where an interaction's follow-ups go, and where their failures are reported. */
export interface FollowUps {
  rest: REST;
  log: LogSink;
}

async function followUp(to: FollowUps, i: RepliableInteraction, m: DiscordMessage, flags: MessageFlags.Ephemeral | undefined): Promise<void> {
  const { files: _files, ...json } = body(m);
  await to.rest.post(Routes.webhook(i.applicationId, i.token), {
    body: {
      ...json,
      ...(m.files?.length ? { attachments: m.files.map((f, id) => ({ id, filename: f.name })) } : {}),
      ...(flags ? { flags } : {}),
      allowed_mentions: { parse: ["users"] },
    },
    ...(m.files?.length ? { files: m.files.map((f) => ({ name: f.name, data: Buffer.from(f.data) })) } : {}),
    query: new URLSearchParams({ wait: "true" }),
    auth: false,
  });
}

/**
 * Answers an interaction with replies: the first message as the reply (or the edit of a
 * deferred reply), the rest as follow-ups; private replies are ephemeral. A deferred (public)
 * answer that turns out private is deleted and sent as an ephemeral follow-up instead.
 * `empty` is what a slash command shows when there is nothing to say. A follow-up that fails
 * is logged and not sent again (see {@link followUpRest}); the ones after it are still sent.
 * `inPlace` (a paging button): a public first message updates the message the button was on
 * (an interaction update, or the edit of a deferred one); a private one comes as an ephemeral
 * message and leaves the page as it was.
 */
export async function answerInteraction(
  i: RepliableInteraction,
  replies: Reply[],
  codec: ComponentCodec,
  empty: string,
  followUps: FollowUps,
  inPlace = false,
): Promise<void> {
  const out = outgoing(replies, codec);
  if (!out.length) {
    if (i.deferred) await i.editReply({ content: empty });
    else if (i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage())) await i.deferUpdate();
    else await i.reply({ content: empty, flags: MessageFlags.Ephemeral });
    return;
  }
  const sendFollowUp = async (n: number, o: Outgoing, flags: MessageFlags.Ephemeral | undefined) => {
    try {
      await followUp(followUps, i, o.message, flags);
    } catch (err) {
      followUps.log.error({ err: loggable(err), interaction: i.id, part: n, parts: out.length }, "discord: follow-up failed (not sent again)");
    }
  };
  const update = inPlace && i.isMessageComponent() ? i : null;
  for (const [n, o] of out.entries()) {
    const flags = o.private ? MessageFlags.Ephemeral : undefined;
    if (n > 0 || i.replied) await sendFollowUp(n, o, flags);
    else if (update && !o.private) await (update.deferred ? update.editReply(body(o.message)) : update.update(body(o.message)));
    else if (update?.deferred) await sendFollowUp(n, o, flags);
    else if (!i.deferred) await i.reply({ ...body(o.message), flags });
    else if (!o.private) await i.editReply(body(o.message));
    else {
      // The private answer must still arrive if removing the public "thinking…" fails.
      await i.deleteReply().catch((err: unknown) => followUps.log.warn({ err: loggable(err), interaction: i.id }, "discord: could not remove the deferred reply"));
      await sendFollowUp(n, o, flags);
    }
  }
}

/**
 * Sends replies to a message: public ones into its channel (the first as a reply to it),
 * private ones by DM when the message was in a server channel (Discord has no ephemeral
 * messages outside interactions); if the user accepts no DMs, into the channel after all.
 * Every message carries a nonce derived from the answered message with `enforce_nonce`, so
 * when discord.js retries a send after a 5xx that Discord had in fact posted, Discord returns
 * the earlier message instead of posting it twice.
 */
export async function answerMessage(message: Message | PartialMessage, replies: Reply[], codec: ComponentCodec, log: LogSink, answering?: string): Promise<void> {
  const channel = message.channel;
  if (!channel?.isSendable()) return;
  let first = true;
  // Discord checks nonces per author, across channels: one number per send, DMs included. An
  // edit's or a deletion's answer (`answering`) is another answer to the same message.
  let part = 0;
  const once = () => ({ nonce: nonceFor(`reply:${answering ?? message.id}`, part++), enforceNonce: true });
  const send = async (to: SendableChannels, m: DiscordMessage) => {
    const options: MessageCreateOptions = { ...body(m), ...once() };
    if (to === channel && first) options.reply = { messageReference: message.id, failIfNotExists: false };
    first = false;
    await to.send(options);
  };
  for (const r of replies) {
    const messages = renderReply(r, codec);
    if (r.private && message.inGuild()) {
      try {
        if (!message.author) throw new Error("the message's author is unknown");
        const dm = await message.author.createDM();
        for (const m of messages) await dm.send({ ...body(m), ...once() });
        continue;
      } catch (err) {
        log.info({ err: loggable(err), user: message.author.id }, "discord: cannot DM a private reply; answering in the channel");
      }
    }
    for (const m of messages) await send(channel, m);
  }
}
