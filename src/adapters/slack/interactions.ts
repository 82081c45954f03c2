import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { slackText } from "./catalog.ts";
import { deliver, responderFor } from "./deliver.ts";
import { publishHome } from "./home.ts";
import { FORM_CALLBACK_ID, buildModal, decodeButtonValue, decodeFormContext, readAnswers } from "./forms.ts";
import { fillFormCommand } from "../../core/reply.ts";
import { isDirectChannel } from "./parse.ts";
import type { SlackRuntime } from "./runtime.ts";


/**
 * A button click runs the button's command as the clicking member; a button with a form opens
 * a modal instead, and its submission runs the form's command with the answers filled in.
 */
export function registerInteractions(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>({ type: "block_actions" }, async ({ ack, body, action, respond, client }) => {
    const value = action.type === "button" ? decodeButtonValue(action.value) : null;
    if (!value) return void (await ack());
    const messageTs = (body.container?.message_ts as string | undefined) ?? body.message?.ts ?? "";
    // One click: the same on every redelivery, different for the next click.
    const id = `act:${messageTs}:${action.action_id}:${action.action_ts}`;
    const user = body.user.id;
    const channel = body.channel?.id ?? (body.container?.channel_id as string | undefined) ?? user;
    const threadTs = body.message?.thread_ts as string | undefined;
    const responseUrl = body.response_url || undefined;

    if (value.form) {
      // A form opens at once (its trigger expires in seconds): nothing to keep for later.
      await ack();
      await rt.run("block_actions", async () => {
        if (!(await rt.claim(id))) return;
        const locale = await rt.localeFor(user, channel);
        const view = buildModal(
          value.form!,
          { template: value.form!.command, channelId: channel, ...(responseUrl ? { responseUrl } : {}), ...(threadTs ? { threadTs } : {}) },
          slackText(locale, "slack.modal.close"),
        );
        await client.views.open({ trigger_id: body.trigger_id, view });
      });
      return;
    }

    // The click's command is stored in the inbox before the acknowledgement.
    const accepted = await rt.accept(
      id,
      {
        channelId: channel,
        userId: user,
        userName: body.user.name ?? body.user.username ?? user,
        text: value.command,
        messageId: id,
        isDirect: isDirectChannel(channel),
        addressed: true,
        viaCommand: true,
        button: true,
        raw: body,
      },
      () => rt.userName(client, user, body.user.name ?? body.user.username),
      threadTs,
    );
    await ack();
    if (!accepted) return;
    await rt.run("block_actions", async () => {
      const replies = await accepted.process();
      if (!replies) return;
      // Paging on the Home tab turns the page of the Home view itself.
      if (body.view?.type === "home" && value.page) return publishHome(client, rt, user, channel, replies);
      await deliver(
        rt.replies,
        {
          channel,
          user,
          isDirect: isDirectChannel(channel),
          interaction: true,
          replaceOriginal: Boolean(value.page),
          ...(responseUrl ? { respond } : {}),
          ...(threadTs ? { threadTs } : {}),
        },
        replies,
        rt.log,
      );
    });
  });

  app.view({ type: "view_submission", callback_id: FORM_CALLBACK_ID }, async ({ ack, body, view, client }) => {
    const ctx = decodeFormContext(view.private_metadata);
    if (!ctx) return void (await ack());
    const id = `view:${view.id}`;
    const user = body.user.id;
    // The form's command is stored in the inbox before the acknowledgement (which closes the modal).
    const accepted = await rt.accept(
      id,
      {
        channelId: ctx.channelId,
        userId: user,
        userName: body.user.name ?? user,
        text: fillFormCommand(ctx.template, readAnswers(view.state.values)),
        messageId: id,
        isDirect: isDirectChannel(ctx.channelId),
        addressed: true,
        viaCommand: true,
        button: true,
        raw: body,
      },
      () => rt.userName(client, user, body.user.name),
      ctx.threadTs,
    );
    await ack();
    if (!accepted) return;
    await rt.run("view_submission", async () => {
      const replies = await accepted.process();
      if (!replies) return;
      await deliver(
        rt.replies,
        {
          channel: ctx.channelId,
          user,
          isDirect: isDirectChannel(ctx.channelId),
          interaction: true,
          ...(ctx.responseUrl ? { respond: responderFor(ctx.responseUrl) } : {}),
          ...(ctx.threadTs ? { threadTs: ctx.threadTs } : {}),
        },
        replies,
        rt.log,
      );
    });
  });
}
