import type { App, types, webApi } from "@slack/bolt";
import type { Reply } from "../../core/reply.ts";
import { LIMITS, renderReply } from "./blocks.ts";
import { slackText } from "./catalog.ts";
import { eventKey } from "./messages.ts";
import type { SlackRuntime } from "./runtime.ts";
import { escapeMrkdwn } from "./text.ts";

/** What the Home tab shows: the member's own tasks (`/me`), or `/help` where there is no `/me`. */
export function homeCommand(rt: SlackRuntime): string {
  return rt.dispatcher.registry.find("me") ? "/me" : "/help";
}

/** The App Home tab: dispatches `/me` as the viewing member and publishes the reply as the view. */
export function registerHome(app: App, rt: SlackRuntime): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    await rt.run("app_home_opened", async () => {
      if (!(await rt.claim(eventKey(body, { channel: event.user, event_ts: event.event_ts })))) return;
      const command = homeCommand(rt);
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
      await publishHome(client, rt, event.user, channelId, replies);
    });
  });
}

export async function publishHome(client: webApi.WebClient, rt: SlackRuntime, userId: string, channelId: string, replies: Reply[]): Promise<void> {
  const locale = await rt.localeFor(userId, channelId);
  const blocks = homeBlocks(replies, {
    more: slackText(locale, "slack.home.more", { command: homeCommand(rt) }),
    empty: slackText(locale, "slack.home.empty"),
  });
  await client.views.publish({ user_id: userId, view: { type: "home", blocks } });
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
