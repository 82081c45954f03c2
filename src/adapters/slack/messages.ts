import type { App } from "@slack/bolt";
import { deliver } from "./deliver.ts";
import { describeFiles, slackAttachments, type SlackFile } from "./files.ts";
import {
  fromSlackText,
  isDirectChannel,
  isHumanMessage,
  mentionsBot,
  readRevision,
  revisionKey,
  stripBotMention,
  type MessageEventLike,
  type RevisionEventLike,
  type SlackRevision,
} from "./parse.ts";
import type { SlackRuntime } from "./runtime.ts";

/** The ledger key of an Events API delivery: its event_id, repeated on every retry. */
export function eventKey(body: { event_id?: string }, event: { channel?: string; ts?: string; event_ts?: string }): string {
  return body.event_id ? `ev:${body.event_id}` : `msg:${event.channel ?? ""}:${event.ts ?? event.event_ts ?? ""}`;
}

/**
 * An edit or deletion goes to the core with its revision (an edit re-reads the message: the
 * earlier update is retracted and the new reading recorded, with a notice; a deletion retracts),
 * keyed by message and revision: an edit reported twice (as `message_changed` and as an edited
 * `app_mention`, or redelivered) is handled once, and the next edit is not taken for a duplicate.
 * The notice goes where the answer to the message went: its thread (or the DM).
 */
async function onRevision(rt: SlackRuntime, r: SlackRevision, channelType: string | undefined, botUserId: string | undefined, raw: unknown, userName?: () => Promise<string>): Promise<void> {
  const isDirect = isDirectChannel(r.channel, channelType);
  const text = r.kind === "edit" ? fromSlackText(stripBotMention(r.text, botUserId)) : "";
  const threadTs = r.threadTs ?? (isDirect ? undefined : r.ts);
  // Stored in the inbox before the listener returns, like a new message.
  const accepted = await rt.accept(
    revisionKey(r),
    {
      channelId: r.channel,
      userId: r.user,
      userName: r.user,
      text,
      messageId: `${r.channel}:${r.ts}`,
      ...(r.kind === "edit" ? { revision: r.revision! } : { deleted: true }),
      isDirect,
      addressed: isDirect || r.mentionsBot,
      raw,
    },
    r.user ? userName : undefined,
    threadTs,
  );
  if (!accepted) return;
  await rt.run(r.kind === "edit" ? "message edit" : "message deletion", async () => {
    const replies = await accepted.process();
    if (!replies) return;
    await deliver(rt.replies, { channel: r.channel, user: r.user, isDirect, ...(threadTs ? { threadTs } : {}) }, replies, rt.log);
  });
}

/**
 * App mentions, DMs and messages in channels bound to a plan go to the dispatcher, which
 * decides (commands like `!task 7`, free-text updates, or silence). Mentions are answered where
 * they were asked; a plain channel message's answer is threaded under it. Each message is stored
 * in the core's inbox before its listener returns, and so before Slack is acknowledged (see
 * `ackAfterListeners`); it is handled after. (A file the event only names is described first:
 * a files.info call before the acknowledgement, only for files sent to the bot.)
 */
export function registerMessages(app: App, rt: SlackRuntime, files: { token: string; apiUrl?: string }): void {
  // Files shared with a message (subtype file_share) are handed over as attachments, downloaded
  // with the bot token only if the core asks (an admin's plan file for /import).
  // Only files sent to the bot (a DM, a mention) are described when the event only names them.
  const attachments = async (event: unknown, client: Parameters<typeof slackAttachments>[1]["client"], toBot: boolean) => {
    const shared = (event as { files?: SlackFile[] }).files;
    const list = slackAttachments(toBot ? await describeFiles(shared, client) : shared, { ...files, client });
    return list ? { attachments: list } : {};
  };
  app.event("app_mention", async ({ event, body, context, client }) => {
    if (!event.user) return;
    const user = event.user;
    // Slack sends app_mention again when a message that mentions the bot is edited.
    const edited = (event as { edited?: { ts?: string } }).edited;
    if (edited?.ts) {
      const r: SlackRevision = { kind: "edit", channel: event.channel, user, ts: event.ts, text: event.text, revision: edited.ts, mentionsBot: true };
      if (event.thread_ts && event.thread_ts !== event.ts) r.threadTs = event.thread_ts;
      return onRevision(rt, r, undefined, context.botUserId, event, () => rt.userName(client, user));
    }
    const text = fromSlackText(stripBotMention(event.text, context.botUserId));
    // Stored before this listener returns, and so before Slack gets its acknowledgement.
    const accepted = await rt.accept(
      eventKey(body, event),
      { channelId: event.channel, userId: user, userName: user, text: text || (event.files?.length ? "" : "/help"), messageId: `${event.channel}:${event.ts}`, isDirect: false, addressed: true, ...(await attachments(event, client, true)), raw: event },
      () => rt.userName(client, user),
      event.thread_ts,
    );
    if (!accepted) return;
    await rt.run("app_mention", async () => {
      const replies = await accepted.process();
      if (!replies) return;
      const thread = event.thread_ts ? { threadTs: event.thread_ts } : {};
      await deliver(rt.replies, { channel: event.channel, user, ...thread }, replies, rt.log);
    });
  });

  app.event("message", async ({ event, body, context, client }) => {
    const m = event as MessageEventLike;
    if (m.subtype === "message_changed" || m.subtype === "message_deleted") {
      const r = readRevision(m as RevisionEventLike, context.botUserId);
      if (!r) return;
      return onRevision(rt, r, m.channel_type, context.botUserId, event, () => rt.userName(client, r.user));
    }
    if (!isHumanMessage(m)) return;
    const channel = m.channel!;
    const user = m.user!;
    const raw = m.text ?? "";
    const isDirect = isDirectChannel(channel, m.channel_type);
    // In channels a mention of the bot also arrives as app_mention, which answers it.
    if (!isDirect && mentionsBot(raw, context.botUserId)) return;
    const text = fromSlackText(isDirect ? stripBotMention(raw, context.botUserId) : raw);
    const threadTs = m.thread_ts ?? (isDirect ? undefined : m.ts);
    const accepted = await rt.accept(
      eventKey(body, m),
      { channelId: channel, userId: user, userName: user, text, messageId: `${channel}:${m.ts}`, isDirect, addressed: isDirect, ...(await attachments(event, client, isDirect)), raw: event },
      () => rt.userName(client, user),
      threadTs,
    );
    if (!accepted) return;
    await rt.run("message", async () => {
      const replies = await accepted.process();
      if (!replies) return;
      await deliver(rt.replies, { channel, user, isDirect, ...(threadTs ? { threadTs } : {}) }, replies, rt.log);
    });
  });
}
