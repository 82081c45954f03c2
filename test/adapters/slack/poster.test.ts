import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackPoster } from "../../../src/adapters/slack/poster.ts";
import type { Poster } from "../../../src/scheduler/types.ts";
import { CONTRACT_REPLIES } from "../contract.ts";
import { PLAN_CHANNEL, startHarness, type Harness } from "./harness.ts";
import { postFailure } from "../../helpers/post-error.ts";

const channel = { platform: "slack", channelId: PLAN_CHANNEL };
const alice = { platform: "slack", userId: "U0ALICE" };
const long = CONTRACT_REPLIES.long!;
const short = CONTRACT_REPLIES.card!;
const KEY = "duban:digest:1:2026-W03";

let h: Harness;
let poster: Poster;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());
beforeEach(() => {
  poster = createSlackPoster(h.adapter, { logger: h.services.log });
  h.fake.apiCalls = [];
  h.fake.messages.clear();
  h.fake.dmRefusals.clear();
});

const posted = (ch = PLAN_CHANNEL) => h.fake.messages.get(ch) ?? [];
const postCalls = () => h.fake.calls("chat.postMessage");
/** The "第N段" paragraph numbers in the order a reader meets them across the channel's messages. */
const paragraphs = (ch = PLAN_CHANNEL) =>
  posted(ch).flatMap((m) => JSON.stringify(m.blocks).match(/第\d+段/g) ?? []).map((s) => Number(s.slice(1, -1)));

describe("Slack poster", () => {
  it("uploads a digest's chart into the channel after the message, and says it sends files", async () => {
    const before = h.fake.uploaded.length;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    await poster.post(channel, { ...short, files: [{ name: "duban-sample-units.png", mime: "image/png", data: png, title: "各责任单位任务状态" }] }, { idempotencyKey: `${KEY}:chart` });
    expect(posted()).toHaveLength(1);
    const file = await h.fake.waitFor(() => h.fake.uploaded[before], 60_000);
    expect(file).toMatchObject({ channel: PLAN_CHANNEL, filename: "duban-sample-units.png", title: "各责任单位任务状态" });
    expect([...file.bytes]).toEqual([...png]);
    expect(poster.acceptsFiles?.(channel)).toBe(true);
  });

  it("posts a long digest as several messages in order, within Block Kit limits, and returns the first", async () => {
    const { messageRef } = await poster.post(channel, long, { idempotencyKey: KEY });
    const msgs = posted();
    expect(msgs.length).toBeGreaterThan(1);
    expect(h.fake.rejected).toEqual([]);
    expect(paragraphs()).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(JSON.stringify(msgs[0]!.blocks)).toContain("周报 · 样例计划");
    expect(messageRef).toBe(`${PLAN_CHANNEL}:${msgs[0]!.ts}`);
    expect(msgs.map((m) => m.metadata)).toEqual(
      msgs.map((_, part) => ({ event_type: "duban_digest", event_payload: { key: KEY, part, parts: msgs.length } })),
    );
  });

  it("sends a direct message through conversations.open", async () => {
    const { messageRef } = await poster.post(alice, short, { idempotencyKey: `${KEY}:dm` });
    expect(h.fake.calls("conversations.open").map((c) => c.args.users)).toEqual(["U0ALICE"]);
    const [call] = postCalls();
    const dm = String(call!.args.channel);
    expect(dm).toMatch(/^D/);
    expect(messageRef).toBe(`${dm}:${posted(dm)[0]!.ts}`);
    expect(JSON.stringify(posted(dm)[0]!.blocks)).toContain("加快中国(深圳)知识产权保护中心建设");
  });

  it("a DM that cannot be opened is dm_unavailable, and nothing is posted", async () => {
    h.fake.dmRefusals.set("U0BOB", "cannot_dm_bot");
    const err = await postFailure(poster.post({ platform: "slack", userId: "U0BOB" }, short, { idempotencyKey: "k" }));
    expect(err.kind).toBe("dm_unavailable");
    expect(err.message).toContain("cannot_dm_bot");
    expect(postCalls()).toHaveLength(0);
  });

  it("429 with retry-after is transient with that wait; nothing is re-sent, by the library or by the retry", async () => {
    h.fake.failNext("chat.postMessage", { status: 429, headers: { "retry-after": "7" } }, { after: 1 });
    const err = await postFailure(poster.post(channel, long, { idempotencyKey: KEY }));
    expect(err.kind).toBe("transient");
    expect(err.retryAfterMs).toBe(7000);
    expect(postCalls()).toHaveLength(2); // part 1 posted, part 2 refused once, no automatic retry
    expect(posted()).toHaveLength(1);

    const again = await poster.post(channel, long, { idempotencyKey: KEY });
    expect(paragraphs()).toEqual(Array.from({ length: 60 }, (_, i) => i + 1)); // part 1 not repeated
    expect(again.messageRef).toBe(`${PLAN_CHANNEL}:${posted()[0]!.ts}`);
  });

  it("500 is transient after exactly one attempt, even from a WebClient with the SDK's default retries", async () => {
    const eager = createSlackPoster(new webApi.WebClient("xoxb-test-token", { slackApiUrl: h.fake.apiUrl }));
    h.fake.failNext("chat.postMessage", { status: 500 });
    const err = await postFailure(eager.post(channel, short, { idempotencyKey: KEY }));
    expect(err.kind).toBe("transient");
    expect(err.retryAfterMs).toBeUndefined();
    expect(postCalls()).toHaveLength(1);
  });

  it("an unreachable Slack is transient", async () => {
    const offline = createSlackPoster(new webApi.WebClient("xoxb-test-token", { slackApiUrl: "http://127.0.0.1:9/api/" }));
    expect((await postFailure(offline.post(channel, short))).kind).toBe("transient");
  });

  it.each(["channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "token_revoked", "missing_scope"])(
    "%s is permanent and says so",
    async (code) => {
      h.fake.failNext("chat.postMessage", { error: code });
      const err = await postFailure(poster.post(channel, short, { idempotencyKey: KEY }));
      expect(err.kind).toBe("permanent");
      expect(err.message).toContain(code);
      expect(postCalls()).toHaveLength(1);
    },
  );

  it("the ratelimited error code is transient", async () => {
    h.fake.failNext("chat.postMessage", { error: "ratelimited" });
    expect((await postFailure(poster.post(channel, short))).kind).toBe("transient");
  });
});

describe("Slack findPosted", () => {
  it("finds a post by its key (message metadata), and returns null for another key", async () => {
    const { messageRef } = await poster.post(channel, long, { idempotencyKey: KEY });
    await poster.post(channel, short, { idempotencyKey: "duban:digest:1:2026-W04" });
    expect(await poster.findPosted!(channel, KEY)).toEqual({ messageRef });
    expect(await poster.findPosted!(channel, "duban:digest:1:2026-W05")).toBeNull();
    const history = h.fake.calls("conversations.history");
    expect(history.every((c) => c.args.include_all_metadata === "true")).toBe(true);
  });

  it("finds a post that went through although Slack answered 500", async () => {
    h.fake.failNext("chat.postMessage", { status: 500, commit: true });
    expect((await postFailure(poster.post(channel, short, { idempotencyKey: KEY }))).kind).toBe("transient");
    expect(await poster.findPosted!(channel, KEY)).toEqual({ messageRef: `${PLAN_CHANNEL}:${posted()[0]!.ts}` });
  });

  it("an interrupted multi-part post is not 'found': the retry sends only the missing parts", async () => {
    const fresh = createSlackPoster(h.adapter); // as after a restart: nothing remembered
    h.fake.failNext("chat.postMessage", { status: 500 }, { after: 1 });
    await postFailure(fresh.post(channel, long, { idempotencyKey: KEY }));
    const restarted = createSlackPoster(h.adapter);
    expect(await restarted.findPosted!(channel, KEY)).toBeNull();
    const { messageRef } = await restarted.post(channel, long, { idempotencyKey: KEY });
    expect(paragraphs()).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(messageRef).toBe(`${PLAN_CHANNEL}:${posted()[0]!.ts}`);
    expect(await restarted.findPosted!(channel, KEY)).toEqual({ messageRef });
  });

  it("ignores another app's message with the same metadata", async () => {
    h.fake.seedMessage(PLAN_CHANNEL, { bot_id: "B0OTHER", text: "x", metadata: { event_type: "duban_digest", event_payload: { key: KEY, part: 0, parts: 1 } } });
    expect(await poster.findPosted!(channel, KEY)).toBeNull();
  });

  it("finds a direct message; an unreachable user has none", async () => {
    const { messageRef } = await poster.post(alice, short, { idempotencyKey: KEY });
    expect(await poster.findPosted!(alice, KEY)).toEqual({ messageRef });
    h.fake.dmRefusals.set("U0BOB", "user_disabled");
    expect(await poster.findPosted!({ platform: "slack", userId: "U0BOB" }, KEY)).toBeNull();
  });

  it("cannot tell (undefined) when the key is not within the messages it scans", async () => {
    const narrow = createSlackPoster(h.adapter, { historyPages: 1, historyPageSize: 5 });
    await narrow.post(channel, short, { idempotencyKey: KEY });
    for (let i = 0; i < 6; i++) h.fake.seedMessage(PLAN_CHANNEL, { user: "U0ALICE", text: `chat ${i}` });
    expect(await narrow.findPosted!(channel, KEY)).toBeUndefined();
    expect(await poster.findPosted!(channel, KEY)).not.toBeNull();
  });
});
