import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CHANNEL_ID, messageCreate, slashCommand } from "../../fakes/discord/payloads.ts";
import { longReport as report, startHarness, visibleText, type Harness } from "./harness.ts";


const RATE_LIMITED = { status: 429, headers: { "retry-after": "1" }, body: { message: "You are being rate limited.", retry_after: 1, global: false } };

/**
 * Discord answering 429 / 5xx while the bot replies, through discord.js: a rate limit is waited
 * out and the message sent once; a 5xx cannot make a message appear twice; failures are logged
 * without tokens, and the bot keeps answering.
 */
describe("Discord adapter: 429 and 5xx from Discord during replies", () => {
  let h: Harness;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    h = await startHarness({ messageContent: true, extraCommands: [report] });
  });
  afterAll(async () => {
    await h?.close();
    process.off("unhandledRejection", onUnhandled);
  });
  beforeEach(() => h.fake.clearMessages());

  const channelPosts = () => h.fake.calls("POST", new RegExp(`^/channels/${CHANNEL_ID}/messages$`));
  const inChannel = () => h.fake.messages.get(CHANNEL_ID) ?? [];
  const followUpPath = (token: string) => new RegExp(`^/webhooks/\\d+/${token}$`);
  const followUps = (token: string) => h.fake.followUps.get(token) ?? [];
  const storedFor = (messageId: string) => h.prisma.progressUpdate.count({ where: { sourceMessageId: messageId } });
  const errors = () => h.logLines.filter((l) => l.level === "error");
  const callback = (ix: { id: string; token: string }) => h.fake.calls("POST", new RegExp(`^/interactions/${ix.id}/${ix.token}/callback$`));

  it("a rate-limited answer in a channel waits for retry_after and lands once", async () => {
    h.fake.failNext("POST", new RegExp(`^/channels/${CHANNEL_ID}/messages$`), RATE_LIMITED);
    const before = channelPosts().length;
    const msg = messageCreate("#7 60% 验收材料已提交", { channel: CHANNEL_ID });
    const started = Date.now();
    h.fake.dispatch("MESSAGE_CREATE", msg);
    const [sent] = await h.fake.waitFor(() => (inChannel().length ? inChannel() : undefined));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await h.adapter.idle();
    expect(visibleText(sent)).toContain("已记录：任务 7");
    expect(channelPosts().length - before).toBe(2);
    expect(inChannel()).toHaveLength(1);
    expect(await storedFor(msg.id)).toBe(1);
  });

  it("a 500 after Discord created the answer: the retry carries the same nonce, so it does not appear twice", async () => {
    h.fake.failNext("POST", new RegExp(`^/channels/${CHANNEL_ID}/messages$`), { status: 500, commit: true });
    const before = channelPosts().length;
    const msg = messageCreate("#7 70% 已完成初审", { channel: CHANNEL_ID });
    h.fake.dispatch("MESSAGE_CREATE", msg);
    await h.fake.waitFor(() => channelPosts().length - before >= 2);
    await h.adapter.idle();
    const [first, retry] = channelPosts().slice(before);
    expect(retry!.body.nonce).toBe(first!.body.nonce);
    expect(first!.body).toMatchObject({ nonce: expect.any(String), enforce_nonce: true });
    expect(inChannel()).toHaveLength(1);
    expect(visibleText(inChannel()[0])).toContain("进行中 70%");
    expect(await storedFor(msg.id)).toBe(1);
  });

  it("answers of different messages carry different nonces (no answer is taken for another)", async () => {
    const before = channelPosts().length;
    h.fake.dispatch("MESSAGE_CREATE", messageCreate("!task 7", { channel: CHANNEL_ID }));
    h.fake.dispatch("MESSAGE_CREATE", messageCreate("!task 7", { channel: CHANNEL_ID }));
    await h.fake.waitFor(() => inChannel().length === 2);
    const nonces = channelPosts().slice(before).map((c) => c.body.nonce);
    expect(new Set(nonces).size).toBe(2);
  });

  it("a rate-limited follow-up waits for retry_after and is sent once, in order", async () => {
    const baseline = slashCommand("duban", [{ name: "text", type: 3, value: "report" }]);
    h.fake.dispatch("INTERACTION_CREATE", baseline);
    await h.fake.waitFor(() => callback(baseline).length);
    await h.adapter.idle();
    const expected = followUps(baseline.token).map(visibleText);
    expect(expected.length).toBeGreaterThan(0);

    const ix = slashCommand("duban", [{ name: "text", type: 3, value: "report" }]);
    h.fake.failNext("POST", followUpPath(ix.token), RATE_LIMITED);
    const started = Date.now();
    h.fake.dispatch("INTERACTION_CREATE", ix);
    await h.fake.waitFor(() => followUps(ix.token).length === expected.length);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await h.adapter.idle();
    expect(followUps(ix.token).map(visibleText)).toEqual(expected);
    expect(h.fake.calls("POST", followUpPath(ix.token))).toHaveLength(expected.length + 1);
  });

  it("a 500 on a follow-up Discord created anyway: not sent twice, logged, the rest still sent, the next interaction answered", async () => {
    const ix = slashCommand("duban", [{ name: "text", type: 3, value: "report" }]);
    const failures = errors().length;
    h.fake.failNext("POST", followUpPath(ix.token), { status: 500, commit: true });
    h.fake.dispatch("INTERACTION_CREATE", ix);
    await h.fake.waitFor(() => errors().length > failures);
    await h.adapter.idle();
    const sent = followUps(ix.token).map(visibleText);
    expect(new Set(sent).size).toBe(sent.length);
    expect(h.fake.calls("POST", followUpPath(ix.token))).toHaveLength(sent.length);
    expect(errors().at(-1)!.obj).toMatchObject({ err: { status: 500 } });

    const next = slashCommand("task", [{ name: "number", type: 3, value: "7" }]);
    h.fake.dispatch("INTERACTION_CREATE", next);
    const [answer] = await h.fake.waitFor(() => (callback(next).length ? callback(next) : undefined));
    expect(answer!.body.data.embeds[0].title).toContain("任务 7");
  });

  it("a 500 on the interaction callback is retried by discord.js: the answer arrives", async () => {
    const ix = slashCommand("task", [{ name: "number", type: 3, value: "1" }]);
    const failures = errors().length;
    h.fake.failNext("POST", new RegExp(`^/interactions/${ix.id}/`), { status: 500 });
    h.fake.dispatch("INTERACTION_CREATE", ix);
    await h.fake.waitFor(() => callback(ix).length === 2);
    await h.adapter.idle();
    expect(callback(ix)[1]!.body.data.embeds[0].title).toContain("任务 1");
    expect(errors().length).toBe(failures);
  });

  it("a retried callback that had gone through is refused by Discord (no second answer); logged, and the bot keeps answering", async () => {
    const ix = slashCommand("task", [{ name: "number", type: 3, value: "1" }]);
    const failures = errors().length;
    h.fake.failNext("POST", new RegExp(`^/interactions/${ix.id}/`), { status: 500, commit: true });
    h.fake.dispatch("INTERACTION_CREATE", ix);
    await h.fake.waitFor(() => errors().length > failures);
    await h.adapter.idle();
    expect(callback(ix)).toHaveLength(2);
    const next = slashCommand("task", [{ name: "number", type: 3, value: "7" }]);
    h.fake.dispatch("INTERACTION_CREATE", next);
    await h.fake.waitFor(() => callback(next).length);
  });

  it("no token reached the log during these failures, and no promise was left unhandled", () => {
    expect(errors().length).toBeGreaterThanOrEqual(2);
    const logged = JSON.stringify(h.logLines);
    expect(logged).not.toContain("fake.bot.token");
    expect(logged).not.toContain("itok-");
    expect(unhandled).toEqual([]);
  });
});
