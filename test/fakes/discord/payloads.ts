/** Raw Discord API v10 payloads, as the gateway delivers them, for the fake to dispatch. */

export const APP_ID = "100000000000000001";
export const BOT_ID = "100000000000000002";
export const GUILD_ID = "200000000000000001";
export const CHANNEL_ID = "200000000000000002";
export const OTHER_CHANNEL_ID = "200000000000000003";
/** A thread under CHANNEL_ID. */
export const THREAD_ID = "200000000000000004";

export const BOT = { id: BOT_ID, username: "duban", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 };

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
}

export const ALICE: FakeUser = { id: "300000000000000001", username: "alice", global_name: "Alice" };
export const BOB: FakeUser = { id: "300000000000000002", username: "bob", global_name: "Bob" };

const apiUser = (u: FakeUser) => ({ ...u, discriminator: "0", avatar: null });

/** GUILD_CREATE for a guild with @everyone and two text channels. */
export function guildCreate(id = GUILD_ID) {
  const channel = (cid: string, name: string, position: number) => ({ id: cid, type: 0, name, position, permission_overwrites: [], parent_id: null, nsfw: false });
  return {
    id, name: "知识产权局", icon: null, owner_id: ALICE.id, afk_channel_id: null, afk_timeout: 300, verification_level: 0,
    default_message_notifications: 0, explicit_content_filter: 0, mfa_level: 0, nsfw_level: 0, premium_tier: 0, features: [],
    emojis: [], stickers: [], system_channel_flags: 0, preferred_locale: "zh-CN",
    roles: [{ id, name: "@everyone", color: 0, hoist: false, position: 0, permissions: "1071698660929", managed: false, mentionable: false, flags: 0 }],
    channels: [channel(CHANNEL_ID, "督办", 0), channel(OTHER_CHANNEL_ID, "闲聊", 1)],
    members: [], presences: [],
    threads: [{ id: THREAD_ID, type: 11, guild_id: id, parent_id: CHANNEL_ID, name: "验收讨论", owner_id: ALICE.id, message_count: 0, member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false }, flags: 0 }], voice_states: [], stage_instances: [], guild_scheduled_events: [],
    member_count: 2, large: false, unavailable: false, joined_at: new Date().toISOString(),
  };
}

export interface Where {
  user?: FakeUser;
  /** A guild channel id, or "dm" for the user's DM channel. */
  channel?: string;
  locale?: string;
}

let seq = 0;
const nextId = () => String(800000000000000000n + BigInt(++seq));

/** The DM channel id the fake gives a user (the same for gateway payloads and POST /users/@me/channels). */
export function dmChannelIdFor(userId: string): string {
  return `5${userId.slice(1)}`;
}

export function dmChannelOf(user: FakeUser): string {
  return dmChannelIdFor(user.id);
}

function base(type: number, data: unknown, where: Where = {}) {
  const user = where.user ?? ALICE;
  const id = nextId();
  const common = { id, application_id: APP_ID, type, token: `itok-${id}`, version: 1, data, locale: where.locale ?? "zh-CN",
    entitlements: [], app_permissions: "2248473465835073", attachment_size_limit: 8388608 };
  if (where.channel === "dm") {
    const channelId = dmChannelOf(user);
    return { ...common, channel_id: channelId, channel: { id: channelId, type: 1, recipients: [apiUser(user)] }, user: apiUser(user),
      context: 1, authorizing_integration_owners: { "0": "0" } };
  }
  const channelId = where.channel ?? CHANNEL_ID;
  return { ...common, guild_id: GUILD_ID, guild_locale: "zh-CN", channel_id: channelId,
    channel: channelId === THREAD_ID ? { id: channelId, type: 11, guild_id: GUILD_ID, parent_id: CHANNEL_ID, name: "验收讨论" } : { id: channelId, type: 0, guild_id: GUILD_ID, name: "督办" },
    context: 0,
    member: { user: apiUser(user), roles: [], permissions: "2248473465835073", joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    authorizing_integration_owners: { "0": GUILD_ID } };
}

type Opt = { name: string; type: number; value: string | number; focused?: boolean };

export function slashCommand(name: string, options: Opt[] = [], where?: Where) {
  return base(2, { id: "400000000000000001", name, type: 1, options }, where);
}

export function autocomplete(name: string, options: Opt[], where?: Where) {
  return base(4, { id: "400000000000000001", name, type: 1, options }, where);
}

/** A click on a button of a message the bot sent (the message as the fake returned it). */
export function buttonClick(customId: string, message: any, where?: Where) {
  const payload = base(3, { custom_id: customId, component_type: 2 }, where);
  return { ...payload, message: { ...message, channel_id: payload.channel_id } };
}

/** A modal submitted with text answers (`null` leaves a field empty). */
export function modalSubmit(customId: string, answers: Record<string, string | null>, where?: Where) {
  const components = Object.entries(answers).map(([id, value], i) => ({
    type: 18, id: i * 2 + 1, component: { type: 4, id: i * 2 + 2, custom_id: id, value: value ?? "" },
  }));
  return base(5, { custom_id: customId, components }, where);
}

/** MESSAGE_CREATE in a DM (no guild_id, channel_type 1) or a guild channel. */
export function messageCreate(content: string, where: Where & { mentionsBot?: boolean; attachments?: unknown[] } = {}) {
  const user = where.user ?? ALICE;
  const dm = where.channel === "dm";
  return {
    id: nextId(), channel_id: dm ? dmChannelOf(user) : (where.channel ?? CHANNEL_ID), ...(dm ? { channel_type: 1 } : { guild_id: GUILD_ID, channel_type: 0 }),
    author: apiUser(user), content, type: 0, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false,
    mention_everyone: false, mentions: where.mentionsBot ? [BOT] : [], mention_roles: [], attachments: where.attachments ?? [], embeds: [], pinned: false,
    components: [], flags: 0,
    ...(dm ? {} : { member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }),
  };
}

type Created = ReturnType<typeof messageCreate>;

/**
 * MESSAGE_UPDATE for an edit of `original`, as Discord sends it since 2024: the whole message
 * with the new content and `edited_timestamp`. `editedAt: null` is an update that is no edit
 * (an embed unfurled: same content, no new stamp).
 */
export function messageUpdate(original: Created, content: string, editedAt: string | null, extra: { embeds?: unknown[] } = {}) {
  return { ...original, content, edited_timestamp: editedAt, ...(extra.embeds ? { embeds: extra.embeds } : {}) };
}

/** MESSAGE_DELETE: only ids, whatever the message said or who wrote it. */
export function messageDelete(original: Pick<Created, "id" | "channel_id"> & { guild_id?: string }) {
  return { id: original.id, channel_id: original.channel_id, ...(original.guild_id ? { guild_id: original.guild_id } : {}) };
}
