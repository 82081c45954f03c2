import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDiscordPoster } from "../../../src/adapters/discord/poster.ts";
import type { Poster } from "../../../src/scheduler/types.ts";
import { ALICE, BOB, CHANNEL_ID, dmChannelOf } from "../../fakes/discord/payloads.ts";
import { CONTRACT_REPLIES } from "../contract.ts";
import { startHarness, visibleText, type Harness } from "./harness.ts";
import { postFailure } from "../../helpers/post-error.ts";

const channel = { platform: "discord", channelId: CHANNEL_ID };
const alice = { platform: "discord", userId: ALICE.id };
const long = CONTRACT_REPLIES.long!;
const short = CONTRACT_REPLIES.card!;
const KEY = "duban:digest:1:2026-W03";
const MESSAGES = /^\/channels\/\d+\/messages$/;

let h: Harness;
let poster: Poster;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => {
  poster = createDiscordPoster(h.adapter, { logger: h.services.log });
  h.fake.rest.length = 0;
  h.fake.clearMessages();
  h.fake.closedDms.clear();
});

const stored = (ch = CHANNEL_ID) => h.fake.messages.get(ch) ?? [];
const sends = () => h.fake.calls("POST", MESSAGES);
const paragraphs = (ch = CHANNEL_ID) => stored(ch).flatMap((m) => visibleText(m).match(/第\d+段/g) ?? []).map((s) => Number(s.slice(1, -1)));
const ONE_TO_SIXTY = Array.from({ length: 60 }, (_, i) => i + 1);
const embedChars = (m: any) =>
  m.embeds.reduce((n: number, e: any) => n + (e.title ?? "").length + (e.description ?? "").length + (e.footer?.text ?? "").length
    + (e.fields ?? []).reduce((k: number, f: any) => k + f.name.length + f.value.length, 0), 0);

describe("Discord poster", () => {
  it("attaches a digest's chart to the first message, and says it sends files", async () => {
    const before = h.fake.uploads.length;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await poster.post(channel, { ...long, files: [{ name: "duban-sample-units.png", mime: "image/png", data: png }] }, { idempotencyKey: `${KEY}:chart` });
    const sent = h.fake.uploads.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ path: `/channels/${CHANNEL_ID}/messages`, filename: "duban-sample-units.png" });
    expect([...sent[0]!.bytes]).toEqual([...png]);
    expect(stored().length).toBeGreaterThan(1);
    expect(sends()[0]!.body.attachments).toEqual([{ id: 0, filename: "duban-sample-units.png" }]);
    expect(sends().slice(1).every((c) => !c.body.attachments)).toBe(true);
    expect(poster.acceptsFiles?.(channel)).toBe(true);
  });

  it("posts a long digest as several messages in order, each marked, nonce'd and within the embed budget", async () => {
    const { messageRef } = await poster.post(channel, long, { idempotencyKey: KEY });
    const msgs = stored();
    expect(msgs.length).toBeGreaterThan(1);
    expect(paragraphs()).toEqual(ONE_TO_SIXTY);
    expect(visibleText(msgs[0])).toContain("周报 · 样例计划");
    expect(messageRef).toBe(`${CHANNEL_ID}:${msgs[0]!.id}`);
    for (const [i, m] of msgs.entries()) {
      expect(embedChars(m)).toBeLessThanOrEqual(6000);
      expect(m.embeds.at(-1).footer.text).toMatch(new RegExp(`^督办 · ${i + 1}/${msgs.length} · #[0-9a-f]{12}$`));
    }
    const bodies = sends().map((c) => c.body);
    expect(bodies.every((b) => b.enforce_nonce === true && typeof b.nonce === "string" && b.nonce.length === 25)).toBe(true);
    expect(new Set(bodies.map((b) => b.nonce)).size).toBe(bodies.length);
    expect(JSON.stringify(bodies)).not.toContain(KEY); // the marker is a hash, not the key
  });

  it("keeps room for the marker in a message filled to Discord's 6,000-character budget", async () => {
    const full = { blocks: [{ type: "header" as const, text: "周报" }, ...Array.from({ length: 6 }, () => ({ type: "text" as const, text: `${"进展顺利".repeat(499)}。` }))] };
    await poster.post(channel, full, { idempotencyKey: KEY });
    expect(stored().length).toBeGreaterThan(1);
    for (const m of stored()) expect(embedChars(m)).toBeLessThanOrEqual(6000);
  });

  it("sends a direct message through the user's DM channel", async () => {
    const { messageRef } = await poster.post(alice, short, { idempotencyKey: `${KEY}:dm` });
    expect(h.fake.calls("POST", /^\/users\/@me\/channels$/).map((c) => c.body.recipient_id)).toEqual([ALICE.id]);
    const dm = dmChannelOf(ALICE);
    expect(messageRef).toBe(`${dm}:${stored(dm)[0]!.id}`);
    expect(visibleText(stored(dm)[0])).toContain("加快中国(深圳)知识产权保护中心建设");
  });

  it("a user who accepts no DMs (50007) is dm_unavailable", async () => {
    h.fake.closedDms.add(BOB.id);
    const err = await postFailure(poster.post({ platform: "discord", userId: BOB.id }, short, { idempotencyKey: KEY }));
    expect(err.kind).toBe("dm_unavailable");
    expect(err.message).toContain("50007");
  });

  it("429 is transient with Discord's retry-after; no automatic retry and no part posted twice", async () => {
    h.fake.failNext("POST", MESSAGES, { status: 429, headers: { "retry-after": "7" }, body: { message: "You are being rate limited.", retry_after: 7, global: false } }, { after: 1 });
    const err = await postFailure(poster.post(channel, long, { idempotencyKey: KEY }));
    expect(err.kind).toBe("transient");
    expect(err.retryAfterMs).toBe(7000);
    expect(sends()).toHaveLength(2);
    expect(stored()).toHaveLength(1);

    const again = await poster.post(channel, long, { idempotencyKey: KEY });
    expect(paragraphs()).toEqual(ONE_TO_SIXTY);
    expect(again.messageRef).toBe(`${CHANNEL_ID}:${stored()[0]!.id}`);
  });

  it("500 is transient after exactly one attempt (discord.js would retry 3 times by default)", async () => {
    h.fake.failNext("POST", MESSAGES, { status: 500, body: { message: "Internal Server Error", code: 0 } });
    const err = await postFailure(poster.post(channel, short, { idempotencyKey: KEY }));
    expect(err.kind).toBe("transient");
    expect(err.retryAfterMs).toBeUndefined();
    expect(sends()).toHaveLength(1);
  });

  it.each([
    [10003, 404, "Unknown Channel"],
    [50001, 403, "Missing Access"],
    [50013, 403, "Missing Permissions"],
  ])("%i is permanent with the reason", async (code, status, message) => {
    h.fake.failNext("POST", MESSAGES, { status, body: { message, code } });
    const err = await postFailure(poster.post(channel, short, { idempotencyKey: KEY }));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain(String(code));
    expect(err.message).toContain(message);
    expect(sends()).toHaveLength(1);
  });

  it("before the adapter has connected, posting is transient", async () => {
    const early = createDiscordPoster({ client: undefined });
    expect((await postFailure(early.post(channel, short))).kind).toBe("transient");
  });

  it("Discord's nonce dedupe: the same key posted again within minutes returns the first message", async () => {
    const first = await createDiscordPoster(h.adapter).post(channel, short, { idempotencyKey: KEY });
    const second = await createDiscordPoster(h.adapter).post(channel, short, { idempotencyKey: KEY });
    expect(second).toEqual(first);
    expect(stored()).toHaveLength(1);
  });
});

describe("Discord findPosted", () => {
  it("finds a post by its footer marker among the bot's messages, and returns null for another key", async () => {
    const { messageRef } = await poster.post(channel, long, { idempotencyKey: KEY });
    await poster.post(channel, short, { idempotencyKey: "duban:digest:1:2026-W04" });
    expect(await poster.findPosted!(channel, KEY)).toEqual({ messageRef });
    expect(await poster.findPosted!(channel, "duban:digest:1:2026-W05")).toBeNull();
  });

  it("finds a post that went through although Discord answered 500", async () => {
    h.fake.failNext("POST", MESSAGES, { status: 500, commit: true });
    expect((await postFailure(poster.post(channel, short, { idempotencyKey: KEY }))).kind).toBe("transient");
    expect(await poster.findPosted!(channel, KEY)).toEqual({ messageRef: `${CHANNEL_ID}:${stored()[0]!.id}` });
  });

  it("an interrupted multi-part post is not 'found': the retry sends only the missing parts", async () => {
    h.fake.failNext("POST", MESSAGES, { status: 502 }, { after: 1 });
    await postFailure(createDiscordPoster(h.adapter).post(channel, long, { idempotencyKey: KEY }));
    const restarted = createDiscordPoster(h.adapter);
    expect(await restarted.findPosted!(channel, KEY)).toBeNull();
    const { messageRef } = await restarted.post(channel, long, { idempotencyKey: KEY });
    expect(paragraphs()).toEqual(ONE_TO_SIXTY);
    expect(await restarted.findPosted!(channel, KEY)).toEqual({ messageRef });
  });

  it("ignores a message by someone else that copies the marker", async () => {
    await poster.post(channel, short, { idempotencyKey: KEY });
    const footer = stored()[0]!.embeds.at(-1).footer;
    h.fake.clearMessages();
    h.fake.seedMessage(CHANNEL_ID, { embeds: [{ description: "copy", footer }] }, { id: ALICE.id, username: "alice", discriminator: "0", global_name: "Alice", avatar: null });
    expect(await poster.findPosted!(channel, KEY)).toBeNull();
  });

  it("finds a direct message; a user without DMs has none", async () => {
    const { messageRef } = await poster.post(alice, short, { idempotencyKey: KEY });
    expect(await poster.findPosted!(alice, KEY)).toEqual({ messageRef });
    expect(await poster.findPosted!({ platform: "discord", userId: BOB.id }, KEY)).toBeNull();
  });

  it("cannot tell (undefined) when the key is not within the messages it scans", async () => {
    const narrow = createDiscordPoster(h.adapter, { historyPages: 1, historyPageSize: 5 });
    await narrow.post(channel, short, { idempotencyKey: KEY });
    for (let i = 0; i < 6; i++) h.fake.seedMessage(CHANNEL_ID, { content: `chat ${i}` });
    expect(await narrow.findPosted!(channel, KEY)).toBeUndefined();
    expect(await poster.findPosted!(channel, KEY)).not.toBeNull();
  });
});
