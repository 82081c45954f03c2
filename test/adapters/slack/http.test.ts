import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_USER_ID } from "../../fakes/slack/fake-slack.ts";
import { channelMessage, eventCallback, slashCommand } from "../../fakes/slack/payloads.ts";
import { slackSignature } from "../../fakes/slack/sign.ts";
import { PLAN_CHANNEL, SECRET, parseEcho, startHarness, type Harness } from "./harness.ts";

const texts = (payload: { blocks?: any[] }) => JSON.stringify(payload.blocks ?? []);

describe("Slack adapter over HTTP (real Bolt, fake Slack)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it("a signed /task is acked at once and the card arrives in channel through respond()", async () => {
    const res = await h.post({ form: slashCommand({ command: "/task", text: "7", responseUrl: h.fake.responseUrl("task7") }) });
    expect(res.status).toBe(200);
    const [r] = await h.fake.responded("task7");
    expect(r!.body.response_type).toBe("in_channel");
    expect(r!.body.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "任务 7 · 加快知识产权保护中心建设", emoji: true } });
    expect(texts(r!.body)).toContain("市中级法院、市公安局");
    expect(r!.body.text).toContain("任务 7");
  });

  it("/duban is the umbrella for every command; a bad argument gets an ephemeral usage hint", async () => {
    await h.post({ form: slashCommand({ command: "/duban", text: "任务 7", responseUrl: h.fake.responseUrl("umbrella") }) });
    const [card] = await h.fake.responded("umbrella");
    expect(card!.body.blocks[0].text.text).toBe("任务 7 · 加快知识产权保护中心建设");

    await h.post({ form: slashCommand({ command: "/task", text: "abc", responseUrl: h.fake.responseUrl("bad") }) });
    const [bad] = await h.fake.responded("bad");
    expect(bad!.body.response_type).toBe("ephemeral");
    expect(texts(bad!.body)).toContain("用法");
  });

  it("the slash command runs as the invoking member, with a stable message id and mentions understood", async () => {
    await h.post({ form: slashCommand({ command: "/slackecho", text: "hi <@U0BOB|bob>", triggerId: "trig-echo", responseUrl: h.fake.responseUrl("echo") }) });
    const [r] = await h.fake.responded("echo");
    // The mention reaches the core in Slack's form, which src/core/mentions.ts parses.
    expect(parseEcho(r!.body)).toEqual({
      text: "hi <@U0BOB|bob>",
      userId: "U0ALICE",
      userName: "张三",
      channelId: PLAN_CHANNEL,
      messageId: "cmd:trig-echo",
      viaCommand: true,
      addressed: true,
      isDirect: false,
    });
  });

  it("an app mention is answered in the channel with the bot mention stripped", async () => {
    const ev = eventCallback({ type: "app_mention", user: "U0ALICE", text: `<@${BOT_USER_ID}> /slackecho mentioned`, channel: "C0OTHER", ts: "1700000000.000100" });
    expect((await h.post({ json: ev })).status).toBe(200);
    const pm = await h.fake.waitFor(() => h.fake.calls("chat.postMessage").find((c) => c.args.channel === "C0OTHER"));
    expect(parseEcho(pm.args)).toMatchObject({ text: "mentioned", userId: "U0ALICE", addressed: true, isDirect: false, messageId: "C0OTHER:1700000000.000100" });
    expect(pm.args.thread_ts).toBeUndefined();
  });

  it("`!task 7` in a thread is answered in that thread", async () => {
    const msg = channelMessage({ text: "!task 7", ts: "1700000001.000200", threadTs: "1700000000.000001" });
    await h.post({ json: eventCallback(msg) });
    const pm = await h.fake.waitFor(() => h.fake.calls("chat.postMessage").find((c) => c.args.thread_ts === "1700000000.000001"));
    expect(pm.args.channel).toBe(PLAN_CHANNEL);
    expect(texts(pm.args)).toContain("任务 7 · 加快知识产权保护中心建设");
  });

  it("a DM is dispatched as direct; plain chat in an unbound channel is ignored", async () => {
    await h.post({ json: eventCallback(channelMessage({ text: "午饭吃什么", channel: "C0UNBOUND", ts: "1700000002.000300" })) });
    await h.post({ json: eventCallback(channelMessage({ text: "/slackecho dm", channel: "D0ALICE", channelType: "im" })) });
    const pm = await h.fake.waitFor(() => h.fake.calls("chat.postMessage").find((c) => c.args.channel === "D0ALICE"));
    expect(parseEcho(pm.args)).toMatchObject({ text: "dm", isDirect: true, addressed: true, userName: "张三" });
    expect(h.fake.apiCalls.some((c) => c.args.channel === "C0UNBOUND")).toBe(false);
    const rows = await h.t.db.prisma.processedEvent.count({ where: { eventId: { contains: "C0UNBOUND" } } });
    expect(rows).toBe(0);
  });

  it("an Events API retry with the same event_id is processed once", async () => {
    const ev = eventCallback({ type: "app_mention", user: "U0ALICE", text: `<@${BOT_USER_ID}> /slackecho once`, channel: "C0RETRY", ts: "1700000003.000400" }, "EvRETRY1");
    await h.post({ json: ev });
    const retry = await h.post({ json: ev }, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    expect(retry.status).toBe(200);
    await h.fake.waitFor(() => h.fake.calls("chat.postMessage").find((c) => c.args.channel === "C0RETRY"));
    await h.post({ json: eventCallback({ type: "app_mention", user: "U0ALICE", text: `<@${BOT_USER_ID}> /slackecho later`, channel: "C0RETRY", ts: "1700000003.000500" }) });
    await h.fake.waitFor(() => h.fake.calls("chat.postMessage").filter((c) => c.args.channel === "C0RETRY").length === 2);
    const answers = h.fake.calls("chat.postMessage").filter((c) => c.args.channel === "C0RETRY").map((c) => parseEcho(c.args).text);
    expect(answers).toEqual(["once", "later"]);
  });

  it("a bad signature or a stale timestamp gets 401 and nothing is stored or sent", async () => {
    const before = await h.t.db.prisma.processedEvent.count();
    const posts = () => h.fake.apiCalls.filter((c) => c.method.startsWith("chat.")).length;
    const [postsBefore, responsesBefore] = [posts(), h.fake.responses.length];
    const form = slashCommand({ command: "/slackecho", text: "forged", responseUrl: h.fake.responseUrl("forged") });
    const body = new URLSearchParams(form).toString();
    const headers = { "content-type": "application/x-www-form-urlencoded" };
    const forged = await fetch(h.url, { method: "POST", body, headers: { ...headers, ...slackSignature("wrong-secret", body) } });
    expect(forged.status).toBe(401);
    const stale = await fetch(h.url, { method: "POST", body, headers: { ...headers, ...slackSignature(SECRET, body, Math.floor(Date.now() / 1000) - 600) } });
    expect(stale.status).toBe(401);
    const event = await h.post({ json: eventCallback(channelMessage({ text: "!task 7" })) }, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(event.status).toBe(401);
    // A valid request afterwards is answered: by then the rejected ones would have shown up.
    await h.post({ form: slashCommand({ command: "/slackecho", text: "valid", responseUrl: h.fake.responseUrl("valid") }) });
    await h.fake.waitFor(() => h.fake.responsesTo("valid").length);
    expect(h.fake.responsesTo("forged")).toEqual([]);
    expect(h.fake.responses.length).toBe(responsesBefore + 1);
    expect(posts()).toBe(postsBefore);
    expect(await h.t.db.prisma.processedEvent.count()).toBe(before + 1);
  });

  it("a signed body of null, payload=null or a non-object is refused with 400; nothing throws and the bot keeps answering", async () => {
    const thrown: unknown[] = [];
    const onRejection = (err: unknown) => void thrown.push(err);
    process.on("unhandledRejection", onRejection);
    try {
      const signed = (body: string, type: string) =>
        fetch(h.url, { method: "POST", body, headers: { "content-type": type, ...slackSignature(SECRET, body) } });
      const json = "application/json";
      const form = "application/x-www-form-urlencoded";
      const statuses = [
        (await signed("null", json)).status,
        (await signed("payload=null", form)).status,
        (await signed("5", json)).status,
        (await signed('"text"', json)).status,
        (await signed("[]", json)).status,
        (await signed("payload=7", form)).status,
        (await signed("{not json", json)).status,
      ];
      expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400]);
      await h.post({ form: slashCommand({ command: "/slackecho", text: "still here", responseUrl: h.fake.responseUrl("after-null") }) });
      const [r] = await h.fake.responded("after-null");
      expect(parseEcho(r!.body).text).toBe("still here");
      // A rejection inside Bolt's receiver surfaces on the next turns of the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      expect(thrown).toEqual([]);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });

  it("a timestamp more than 5 minutes in the future is refused like a stale one; within the window it is accepted", async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await h.post({ form: slashCommand({ command: "/slackecho", text: "future", responseUrl: h.fake.responseUrl("future") }) }, { timestamp: now + 600 });
    expect(future.status).toBe(401);
    const skewed = await h.post({ form: slashCommand({ command: "/slackecho", text: "skewed", responseUrl: h.fake.responseUrl("skewed") }) }, { timestamp: now + 120 });
    expect(skewed.status).toBe(200);
    await h.fake.responded("skewed");
    expect(h.fake.responsesTo("future")).toEqual([]);
  });

  it("url_verification is answered and no Block Kit was ever refused", async () => {
    const res = await h.post({ json: { type: "url_verification", challenge: "c-123", token: "legacy" } });
    expect(await res.json()).toEqual({ challenge: "c-123" });
    expect(h.fake.rejected).toEqual([]);
  });
});
