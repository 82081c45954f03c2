import type { App } from "@slack/bolt";
import { deliver } from "./deliver.ts";
import { isDirectChannel, slashText } from "./parse.ts";
import type { SlackRuntime } from "./runtime.ts";

/**
 * Every slash command the app declares (`/task`, `/tasks`, … and the umbrella `/duban`) is
 * handled alike: stored in the inbox, acknowledged, then dispatched as the text it stands for;
 * replies go back through the response_url (in channel, or ephemeral when private).
 */
export function registerSlashCommands(app: App, rt: SlackRuntime): void {
  app.command(/^\/.+/, async ({ command, ack, respond, client }) => {
    // trigger_id is unique per invocation and repeated on redelivery.
    const id = command.trigger_id ? `cmd:${command.trigger_id}` : undefined;
    const isDirect = isDirectChannel(command.channel_id, command.channel_name === "directmessage" ? "im" : undefined);
    // Stored in the inbox before the acknowledgement (sent when this listener returns).
    const accepted = await rt.accept(
      id,
      {
        channelId: command.channel_id,
        userId: command.user_id,
        userName: command.user_name || command.user_id,
        text: slashText(command.command, command.text ?? "", rt.dispatcher.registry),
        ...(id ? { messageId: id } : {}),
        isDirect,
        addressed: true,
        viaCommand: true,
        raw: command,
      },
      () => rt.userName(client, command.user_id, command.user_name),
    );
    await ack();
    if (!accepted) return;
    await rt.run("slash command", async () => {
      const replies = await accepted.process();
      if (replies) await deliver(rt.replies, { channel: command.channel_id, user: command.user_id, respond, isDirect }, replies, rt.log);
    });
  });
}
