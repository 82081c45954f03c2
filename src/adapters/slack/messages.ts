import type { App } from "@slack/bolt";
import { deliver } from "./deliver.ts";
import { describeFiles, slackAttachments, type SlackFile } from "./files.ts";
import { fromSlackText, isDirectChannel, isHumanMessage, mentionsBot, stripBotMention, type MessageEventLike } from "./parse.ts";
import type { SlackRuntime } from "./runtime.ts";

/** The ledger key of an Events API delivery: its event_id, repeated on every retry. */
export function eventKey(body: { event_id?: string }, event: { channel?: string; ts?: string; event_ts?: string }): string {
  return body.event_id ? `ev:${body.event_id}` : `msg:${event.channel ?? ""}:${event.ts ?? event.event_ts ?? ""}`;
}

/**
 * App mentions, DMs and messages in channels bound to a plan go to the dispatcher, which
 * decides (commands like `!task 7`, free-text updates, or silence). Mentions are answered where
 * they were asked; a plain channel message's answer is threaded under it.
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
    await rt.run("app_mention", async () => {
      if (!event.user) return;
      const user = event.user;
      const text = fromSlackText(stripBotMention(event.text, context.botUserId));
      const replies = await rt.receive(
        eventKey(body, event),
        { channelId: event.channel, userId: user, userName: user, text: text || (event.files?.length ? "" : "/help"), messageId: `${event.channel}:${event.ts}`, isDirect: false, addressed: true, ...(await attachments(event, client, true)), raw: event },
        () => rt.userName(client, user),
      );
      if (!replies) return;
      const thread = event.thread_ts ? { threadTs: event.thread_ts } : {};
      await deliver(rt.replies, { channel: event.channel, user, ...thread }, replies, rt.log);
    });
  });

  app.event("message", async ({ event, body, context, client }) => {
    const m = event as MessageEventLike;
    if (!isHumanMessage(m)) return;
    const channel = m.channel!;
    const user = m.user!;
    const raw = m.text ?? "";
    const isDirect = isDirectChannel(channel, m.channel_type);
    // In channels a mention of the bot also arrives as app_mention, which answers it.
    if (!isDirect && mentionsBot(raw, context.botUserId)) return;
    await rt.run("message", async () => {
      const text = fromSlackText(isDirect ? stripBotMention(raw, context.botUserId) : raw);
      const replies = await rt.receive(
        eventKey(body, m),
        { channelId: channel, userId: user, userName: user, text, messageId: `${channel}:${m.ts}`, isDirect, addressed: isDirect, ...(await attachments(event, client, isDirect)), raw: event },
        () => rt.userName(client, user),
      );
      if (!replies) return;
      const threadTs = m.thread_ts ?? (isDirect ? undefined : m.ts);
      await deliver(rt.replies, { channel, user, isDirect, ...(threadTs ? { threadTs } : {}) }, replies, rt.log);
    });
  });
}
