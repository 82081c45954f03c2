/** Payloads shaped like the ones Slack sends (only the fields Bolt and the adapter read, plus a few). */
let seq = 0;
const next = () => `${Date.now()}.${String(++seq).padStart(6, "0")}`;

export const TEAM = { id: "T0TEST", domain: "fake" };

export function slashCommand(fields: { command: string; text: string; user?: string; userName?: string; channel?: string; responseUrl: string; triggerId?: string }): Record<string, string> {
  return {
    token: "legacy",
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: fields.channel ?? "C0PLAN",
    channel_name: "plan",
    user_id: fields.user ?? "U0ALICE",
    user_name: fields.userName ?? "alice",
    command: fields.command,
    text: fields.text,
    api_app_id: "A0TEST",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? `trig-${next()}`,
  };
}

export function eventCallback(event: Record<string, unknown>, eventId = `Ev${next()}`): Record<string, unknown> {
  return {
    token: "legacy",
    team_id: TEAM.id,
    api_app_id: "A0TEST",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event: { event_ts: next(), ...event },
    authorizations: [{ team_id: TEAM.id, user_id: "U0BOT", is_bot: true }],
  };
}

export function channelMessage(fields: { text: string; user?: string; channel?: string; ts?: string; threadTs?: string; channelType?: string }) {
  return {
    type: "message",
    user: fields.user ?? "U0ALICE",
    text: fields.text,
    channel: fields.channel ?? "C0PLAN",
    channel_type: fields.channelType ?? "channel",
    ts: fields.ts ?? next(),
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
  };
}

/** A member shares files (as uploaded to the fake with `hostFile`), in a DM with the bot by default. */
export function fileShare(fields: { files: Record<string, unknown>[]; text?: string; user?: string; channel?: string; channelType?: string; ts?: string }) {
  return {
    type: "message",
    subtype: "file_share",
    text: fields.text ?? "",
    files: fields.files,
    upload: true,
    display_as_bot: false,
    user: fields.user ?? "U0ALICE",
    channel: fields.channel ?? "D0ALICE",
    channel_type: fields.channelType ?? "im",
    ts: fields.ts ?? next(),
  };
}

export function buttonClick(fields: { actionId: string; value: string; user?: string; channel?: string; messageTs?: string; responseUrl?: string; triggerId?: string; actionTs?: string }) {
  const channel = fields.channel ?? "C0PLAN";
  const messageTs = fields.messageTs ?? next();
  const action = { type: "button", action_id: fields.actionId, block_id: "b1", value: fields.value, action_ts: fields.actionTs ?? next() };
  const common = { type: "block_actions", user: { id: fields.user ?? "U0BOB", username: "bob", name: "bob", team_id: TEAM.id }, api_app_id: "A0TEST", token: "legacy", team: TEAM };
  if (!fields.responseUrl) {
    // A click on the Home tab: no channel, no message, no response_url.
    return {
      ...common,
      container: { type: "view", view_id: "VHOME" },
      view: { id: "VHOME", type: "home", team_id: TEAM.id, blocks: [], private_metadata: "", callback_id: "", hash: "h" },
      trigger_id: fields.triggerId ?? `trig-${next()}`,
      actions: [action],
    };
  }
  return {
    ...common,
    channel: { id: channel, name: "plan" },
    container: { type: "message", message_ts: messageTs, channel_id: channel, is_ephemeral: false },
    message: { type: "message", ts: messageTs, text: "card" },
    trigger_id: fields.triggerId ?? `trig-${next()}`,
    response_url: fields.responseUrl,
    actions: [action],
  };
}

export function viewSubmission(view: Record<string, any>, values: Record<string, Record<string, unknown>>, user = "U0BOB") {
  return {
    type: "view_submission",
    team: TEAM,
    user: { id: user, username: "bob", name: "bob", team_id: TEAM.id },
    api_app_id: "A0TEST",
    token: "legacy",
    trigger_id: `trig-${next()}`,
    view: { ...view, id: `V${next().replace(".", "")}`, team_id: TEAM.id, hash: "h1", state: { values } },
  };
}

type Posted = ReturnType<typeof channelMessage>;

/**
 * `message_changed` as Slack sends it when a person edits `original`: hidden, the event's own ts,
 * the whole new message (same ts, `edited: { user, ts }`) and the previous one. An unfurl or a
 * new thread reply also sends `message_changed`, but its message carries no `edited` (or the
 * earlier edit's): `editedTs: null` leaves it out.
 */
export function messageChanged(original: Posted, fields: { text?: string; editedTs: string | null; previousText?: string; attachments?: unknown[] }) {
  const { channel_type, channel, ...inner } = original;
  return {
    type: "message",
    subtype: "message_changed",
    hidden: true,
    channel,
    channel_type,
    ts: next(),
    message: {
      ...inner,
      text: fields.text ?? original.text,
      ...(fields.editedTs ? { edited: { user: original.user, ts: fields.editedTs } } : {}),
      ...(fields.attachments ? { attachments: fields.attachments } : {}),
      client_msg_id: `c-${original.ts}`,
    },
    previous_message: { ...inner, text: fields.previousText ?? original.text, client_msg_id: `c-${original.ts}` },
  };
}

/** `message_deleted`: the deleted message's ts and, as Slack includes it, the message as it was. */
export function messageDeleted(original: Posted, lastText?: string) {
  const { channel_type, channel, ...inner } = original;
  return {
    type: "message",
    subtype: "message_deleted",
    hidden: true,
    channel,
    channel_type,
    ts: next(),
    deleted_ts: original.ts,
    previous_message: { ...inner, text: lastText ?? original.text },
  };
}

/** `app_mention` for an edited message that mentions the bot (Slack sends it again, with `edited`). */
export function editedMention(original: Posted, text: string, editedTs: string) {
  return { type: "app_mention", user: original.user, text, ts: original.ts, channel: original.channel, edited: { user: original.user, ts: editedTs } };
}
