import type { App, types } from "@slack/bolt";
import type { Reply } from "../../core/reply.ts";
import { LIMITS, renderReply } from "./blocks.ts";
import { slackText } from "./catalog.ts";
import { deliver } from "./deliver.ts";
import { fromSlackText, isDirectChannel, isHumanMessage, looksLikeCommand, mentionsBot, stripBotMention, type MessageEventLike } from "./parse.ts";
import type { SlackRuntime } from "./runtime.ts";
import { escapeMrkdwn } from "./text.ts";

/** The ledger key of an Events API delivery: its event_id, repeated on every retry. */
function eventKey(body: { event_id?: string }, event: { channel?: string; ts?: string; event_ts?: string }): string {
  return body.event_id ? `ev:${body.event_id}` : `msg:${event.channel ?? ""}:${event.ts ?? event.event_ts ?? ""}`;
}

/**
 * App mentions, DMs and messages in channels bound to a plan go to the dispatcher, which
 * decides (commands like `!task 7`, free-text updates, or silence). Mentions are answered where
 * they were asked; a plain channel message's answer is threaded under it.
 */
export function registerMessages(app: App, rt: SlackRuntime): void {
  app.event("app_mention", async ({ event, body, context, client }) => {
    await rt.run("app_mention", async () => {
      if (!event.user || !(await rt.claim(eventKey(body, event)))) return;
      const text = fromSlackText(stripBotMention(event.text, context.botUserId));
      const replies = await rt.dispatch({
        channelId: event.channel,
        userId: event.user,
        userName: await rt.userName(client, event.user),
        text: text || "/help",
        messageId: `${event.channel}:${event.ts}`,
        isDirect: false,
        addressed: true,
        raw: event,
      });
      const thread = event.thread_ts ? { threadTs: event.thread_ts } : {};
      await deliver(client, { channel: event.channel, user: event.user, ...thread }, replies, rt.log);
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
      if (!isDirect && !looksLikeCommand(raw)) {
        const state = await rt.services.store.getChannel("slack", channel);
        if (state.planId === null) return;
      }
      if (!(await rt.claim(eventKey(body, m)))) return;
      const text = fromSlackText(isDirect ? stripBotMention(raw, context.botUserId) : raw);
      if (!text.trim()) return;
      const replies = await rt.dispatch({
        channelId: channel,
        userId: user,
        userName: await rt.userName(client, user),
        text,
        messageId: `${channel}:${m.ts}`,
        isDirect,
        addressed: isDirect,
        raw: event,
      });
      const threadTs = m.thread_ts ?? (isDirect ? undefined : m.ts);
      await deliver(client, { channel, user, isDirect, ...(threadTs ? { threadTs } : {}) }, replies, rt.log);
    });
  });

  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    await rt.run("app_home_opened", async () => {
      if (!(await rt.claim(eventKey(body, { channel: event.user, event_ts: event.event_ts })))) return;
      const command = rt.dispatcher.registry.find("me") ? "/me" : "/help";
      const channelId = event.channel || event.user;
      const replies = await rt.dispatch({
        channelId,
        userId: event.user,
        userName: await rt.userName(client, event.user),
        text: command,
        messageId: `home:${event.user}:${event.event_ts}`,
        isDirect: true,
        addressed: true,
        viaCommand: true,
        raw: event,
      });
      const locale = await rt.localeFor(event.user, channelId);
      const blocks = homeBlocks(replies, {
        more: slackText(locale, "slack.home.more", { command }),
        empty: slackText(locale, "slack.home.empty"),
      });
      await client.views.publish({ user_id: event.user, view: { type: "home", blocks } });
    });
  });
}

/**
 * The Home tab: every reply's blocks, one after another, within Slack's 100 blocks; when they
 * do not fit, the last block says where to read the rest instead of cutting silently.
 */
export function homeBlocks(replies: Reply[], notes: { more: string; empty: string }): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [];
  replies.forEach((reply, i) => {
    if (i > 0) blocks.push({ type: "divider" });
    for (const message of renderReply(reply, { maxBlocks: LIMITS.homeBlocks }).messages) blocks.push(...message.blocks);
  });
  if (!blocks.length) return [{ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(notes.empty) } }];
  if (blocks.length <= LIMITS.homeBlocks) return blocks;
  const more: types.KnownBlock = { type: "context", elements: [{ type: "mrkdwn", text: escapeMrkdwn(notes.more) }] };
  return [...blocks.slice(0, LIMITS.homeBlocks - 1), more];
}
