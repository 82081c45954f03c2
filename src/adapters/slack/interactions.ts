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
    await ack();
    await rt.run("block_actions", async () => {
      if (action.type !== "button") return;
      const value = decodeButtonValue(action.value);
      if (!value) return;
      const messageTs = (body.container?.message_ts as string | undefined) ?? body.message?.ts ?? "";
      // One click: the same on every redelivery, different for the next click.
      const id = `act:${messageTs}:${action.action_id}:${action.action_ts}`;
      if (!(await rt.claim(id))) return;
      const user = body.user.id;
      const channel = body.channel?.id ?? (body.container?.channel_id as string | undefined) ?? user;
      const threadTs = body.message?.thread_ts as string | undefined;
      const responseUrl = body.response_url || undefined;

      if (value.form) {
        const locale = await rt.localeFor(user, channel);
        const view = buildModal(
          value.form,
          { template: value.form.command, channelId: channel, ...(responseUrl ? { responseUrl } : {}), ...(threadTs ? { threadTs } : {}) },
          slackText(locale, "slack.modal.close"),
        );
        await client.views.open({ trigger_id: body.trigger_id, view });
        return;
      }

      const replies = await rt.dispatch({
        channelId: channel,
        userId: user,
        userName: await rt.userName(client, user, body.user.name ?? body.user.username),
        text: value.command,
        messageId: id,
        isDirect: isDirectChannel(channel),
        addressed: true,
        viaCommand: true,
        raw: body,
      });
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
    await ack();
    await rt.run("view_submission", async () => {
      const ctx = decodeFormContext(view.private_metadata);
      if (!ctx) return;
      const id = `view:${view.id}`;
      if (!(await rt.claim(id))) return;
      const user = body.user.id;
      const text = fillFormCommand(ctx.template, readAnswers(view.state.values));
      const replies = await rt.dispatch({
        channelId: ctx.channelId,
        userId: user,
        userName: await rt.userName(client, user, body.user.name),
        text,
        messageId: id,
        isDirect: isDirectChannel(ctx.channelId),
        addressed: true,
        viaCommand: true,
        raw: body,
      });
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
