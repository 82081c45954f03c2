import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_USER_ID } from "../../fakes/slack/fake-slack.ts";
import { buttonClick, eventCallback, slashCommand } from "../../fakes/slack/payloads.ts";
import { parseEcho, startHarness, type Harness } from "./harness.ts";

describe("Slack adapter in Socket Mode (real Bolt, fake Slack WebSocket)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ mode: "socket" });
  });
  afterAll(async () => h?.close());

  it("connects with the app token and listens on no port", () => {
    expect(h.adapter.mode).toBe("socket");
    expect(h.adapter.port).toBeUndefined();
    expect(h.fake.calls("apps.connections.open")[0]?.auth).toBe("Bearer xapp-test-token");
    expect(h.fake.socketConnected).toBe(true);
  });

  it("a slash command envelope is acked over the socket and answered through respond()", async () => {
    const env = h.fake.sendEnvelope("slash_commands", slashCommand({ command: "/task", text: "七", responseUrl: h.fake.responseUrl("sock-task") }));
    const ack = await h.fake.waitFor(() => h.fake.acks.find((a) => a.envelope_id === env));
    expect(ack.payload ?? {}).toEqual({});
    const [r] = await h.fake.responded("sock-task");
    expect(r!.body.blocks[0].text.text).toBe("任务 7 · 加快知识产权保护中心建设");
  });

  it("a redelivered event envelope (same event_id) is acked twice and processed once", async () => {
    const ev = eventCallback({ type: "app_mention", user: "U0ALICE", text: `<@${BOT_USER_ID}> /slackecho socket`, channel: "C0SOCK", ts: "1700000300.000001" }, "EvSOCK1");
    const first = h.fake.sendEnvelope("events_api", ev);
    const second = h.fake.sendEnvelope("events_api", ev, undefined, 1);
    await h.fake.waitFor(() => h.fake.acks.some((a) => a.envelope_id === first) && h.fake.acks.some((a) => a.envelope_id === second));
    await h.fake.waitFor(() => h.fake.calls("chat.postMessage").some((c) => c.args.channel === "C0SOCK"));
    // A later, different event on the same socket is still answered, and the duplicate never was.
    h.fake.sendEnvelope("events_api", eventCallback({ type: "app_mention", user: "U0ALICE", text: `<@${BOT_USER_ID}> /slackecho after`, channel: "C0SOCK", ts: "1700000300.000002" }));
    await h.fake.waitFor(() => h.fake.calls("chat.postMessage").filter((c) => c.args.channel === "C0SOCK").length === 2);
    expect(h.fake.calls("chat.postMessage").filter((c) => c.args.channel === "C0SOCK").map((c) => parseEcho(c.args).text)).toEqual(["socket", "after"]);
  });

  it("an interactive envelope (button click) is acked and answered as the clicking member", async () => {
    const value = JSON.stringify({ c: "/slackecho via socket" });
    const env = h.fake.sendEnvelope("interactive", buttonClick({ actionId: "duban:echo:9", value, responseUrl: h.fake.responseUrl("sock-click") }));
    await h.fake.waitFor(() => h.fake.acks.find((a) => a.envelope_id === env));
    const [r] = await h.fake.responded("sock-click");
    expect(parseEcho(r!.body)).toMatchObject({ text: "via socket", userId: "U0BOB" });
  });
});
