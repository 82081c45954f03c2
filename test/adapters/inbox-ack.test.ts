import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/store.ts";
import { channelMessage, eventCallback, slashCommand } from "../fakes/slack/payloads.ts";
import { startHarness as startSlack, type Harness as SlackHarness } from "./slack/harness.ts";
import { STAFF, startHarness as startDingTalk } from "./dingtalk/harness.ts";

/**
 * Durable before acknowledged, per platform: while the inbox write is held, the platform gets no
 * acknowledgement (no HTTP response, no socket ack, no stream ack); once it is written, it does.
 * Before the inbox, Slack (Bolt acks Events API deliveries before any listener runs) and DingTalk
 * (acked on receipt) acknowledged first, so a process killed in between lost the event.
 */

/** Holds every inbox write until released; records which events reached it. */
function holdInbox(store: Store) {
  const original = store.receiveEvent;
  const entered: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  (store as { receiveEvent: Store["receiveEvent"] }).receiveEvent = async (entry, leaseUntil) => {
    entered.push(entry.eventId);
    await released;
    return original(entry, leaseUntil);
  };
  return { entered, release, restore: () => void ((store as { receiveEvent: Store["receiveEvent"] }).receiveEvent = original) };
}

/**
 * A short look for an acknowledgement that must not come. It cannot fail spuriously: with the
 * inbox held, none can be sent at all; the pause only gives a wrong one the time to show.
 */
const glance = () => new Promise((r) => setTimeout(r, 500));

/** A redelivery of a stored event is refused: then it is there. */
const inInbox = async (services: { store: Store; clock: { now(): Date } }, platform: string, eventId: string) => {
  const at = services.clock.now();
  return !(await services.store.receiveEvent({ platform, eventId, receivedAt: at, message: { platform, channelId: "x", userId: "x", userName: "x", text: "x" } }, at));
};

describe("Slack over HTTP: the 200 comes after the inbox write", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlack();
  });
  afterAll(async () => h?.close());

  it("a message event and a slash command are answered 200 only once stored", async () => {
    const hold = holdInbox(h.services.store);
    try {
      let settled = 0;
      const event = h.post({ json: eventCallback(channelMessage({ text: "#7 50% 先存后应答", ts: "1700000900.000001" }), "EvHOLD1") }).then((r) => (settled++, r));
      const command = h.post({ form: slashCommand({ command: "/task", text: "7", triggerId: "trig-hold", responseUrl: h.fake.responseUrl("hold") }) }).then((r) => (settled++, r));
      await h.fake.waitFor(() => hold.entered.includes("ev:EvHOLD1") && hold.entered.includes("cmd:trig-hold"), 60_000);
      await glance();
      expect(settled).toBe(0);
      hold.release();
      expect((await event).status).toBe(200);
      expect((await command).status).toBe(200);
    } finally {
      hold.restore();
    }
    expect(await inInbox(h.services, "slack", "ev:EvHOLD1")).toBe(true);
    await h.fake.responded("hold");
  });
});

describe("Slack in Socket Mode: the envelope is acked after the inbox write", () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlack({ mode: "socket" });
  });
  afterAll(async () => h?.close());

  it("an events_api and a slash_commands envelope are acked only once stored", async () => {
    const hold = holdInbox(h.services.store);
    let envelopes: string[] = [];
    try {
      envelopes = [
        h.fake.sendEnvelope("events_api", eventCallback(channelMessage({ text: "#7 55% 套接字", ts: "1700000901.000001" }), "EvHOLD2")),
        h.fake.sendEnvelope("slash_commands", slashCommand({ command: "/task", text: "7", triggerId: "trig-hold-2", responseUrl: h.fake.responseUrl("hold-2") })),
      ];
      await h.fake.waitFor(() => hold.entered.includes("ev:EvHOLD2") && hold.entered.includes("cmd:trig-hold-2"), 60_000);
      await glance();
      expect(h.fake.acks.filter((a) => envelopes.includes(a.envelope_id))).toEqual([]);
      hold.release();
      await h.fake.waitFor(() => envelopes.every((e) => h.fake.acks.some((a) => a.envelope_id === e)), 60_000);
    } finally {
      hold.restore();
    }
    expect(await inInbox(h.services, "slack", "ev:EvHOLD2")).toBe(true);
    await h.fake.responded("hold-2");
  });
});

describe("DingTalk stream: the frame is acked after the inbox write", () => {
  let h: Awaited<ReturnType<typeof startDingTalk>>;
  beforeAll(async () => {
    h = await startDingTalk();
    await h.makeAdapter().start();
    await h.fake.waitFor(() => h.fake.socketConnected);
  });
  afterAll(() => h?.stop());

  it("a robot message is acknowledged only once stored, then answered", async () => {
    const hold = holdInbox(h.services.store);
    let messageId = "";
    try {
      ({ messageId } = h.fake.pushRobotMessage({ text: "/task 7", senderStaffId: STAFF, session: "hold-dm" }));
      await h.fake.waitFor(() => hold.entered.length > 0);
      await glance();
      expect(h.fake.acksOf(messageId)).toEqual([]);
      hold.release();
      await h.fake.waitFor(() => h.fake.acksOf(messageId).length === 1);
    } finally {
      hold.restore();
    }
    expect(await inInbox(h.services, "dingtalk", hold.entered[0]!)).toBe(true);
    await h.fake.waitFor(() => h.fake.repliesTo("hold-dm").length > 0);
  });
});
