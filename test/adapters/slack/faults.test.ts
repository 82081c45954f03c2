import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapter } from "../../../src/adapters/slack/slack-adapter.ts";
import { savePlan } from "../../../src/store/plan-writer.ts";
import { FakeSlack } from "../../fakes/slack/fake-slack.ts";
import { channelMessage, eventCallback, slashCommand } from "../../fakes/slack/payloads.ts";
import { postToBolt, type SlackRequest } from "../../fakes/slack/sign.ts";
import { testDispatcher, testServices, type LogLine } from "../../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../../helpers/db.ts";
import { samplePlan } from "../../helpers/fixtures.ts";
import { PLAN_CHANNEL } from "./harness.ts";

const TOKEN = "xoxb-faults-1234567890-s3cr3t";
const SIGNING_SECRET = "faults-signing-secret";

/**
 * Slack answering 429 / 5xx while the bot replies, with the real Bolt and the production
 * dispatcher: a rate-limited reply is sent again after Slack's retry-after and lands once; a
 * failed one lands at most once, is logged, and the stored update stays.
 */
describe("Slack adapter: 429 and 5xx from Slack during replies", () => {
  let t: TestDatabase;
  let fake: FakeSlack;
  let adapter: SlackAdapter;
  let logLines: LogLine[];
  let url: string;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    t = await openTestDatabase("pglite");
    await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h" });
    const built = testServices(t.db);
    logLines = built.logLines;
    const { services } = built;
    const planId = (await services.store.listPlans())[0]!.id;
    // An open channel: anyone may report progress.
    await services.store.updateChannel("slack", PLAN_CHANNEL, { planId, open: true });
    fake = await new FakeSlack().start();
    fake.users.set("U0ALICE", "张三");
    adapter = createSlackAdapter({
      botToken: TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 0,
      apiUrl: fake.apiUrl,
      // Retries on, as in production, but few.
      apiRetries: 2,
      services,
      dispatcher: testDispatcher(services),
      logger: services.log,
    });
    await adapter.start();
    url = `http://127.0.0.1:${adapter.port}/slack/events`;
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.stop();
    await t?.cleanup();
    process.off("unhandledRejection", onUnhandled);
  });

  const post = (request: SlackRequest, headers?: Record<string, string>) => postToBolt(url, SIGNING_SECRET, request, headers ? { headers } : {});
  /** Messages that landed in the thread of a channel message (the bot answers free text there). */
  const inThread = (ts: string) => (fake.messages.get(PLAN_CHANNEL) ?? []).filter((m) => m.thread_ts === ts);
  const postsInThread = (ts: string) => fake.calls("chat.postMessage").filter((c) => c.args.thread_ts === ts);
  const storedFor = (ts: string) => t.db.prisma.progressUpdate.findMany({ where: { sourceMessageId: `${PLAN_CHANNEL}:${ts}` } });
  const replyFailures = () => logLines.filter((l) => l.level === "error" && l.msg === "slack reply failed");

  it("a rate-limited confirmation is sent again after retry-after: one message, one stored update", async () => {
    fake.failNext("chat.postMessage", { status: 429, headers: { "retry-after": "1" } });
    const msg = channelMessage({ text: "#7 60% 保护中心已通过验收", ts: "1700000500.000001" });
    const event = eventCallback(msg);
    const started = Date.now();
    await post({ json: event });
    await fake.waitFor(() => postsInThread(msg.ts).length);
    // Slack redelivers the event while the bot waits out the rate limit: still handled once.
    await post({ json: event }, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    const [confirmation] = await fake.waitFor(() => (inThread(msg.ts).length ? inThread(msg.ts) : undefined), 4000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    await adapter.idle();
    expect(JSON.stringify(confirmation!.blocks)).toContain("60");
    expect(postsInThread(msg.ts)).toHaveLength(2);
    expect(inThread(msg.ts)).toHaveLength(1);
    expect(await storedFor(msg.ts)).toHaveLength(1);
    expect(replyFailures()).toEqual([]);
    expect(logLines.some((l) => l.level === "warn" && /rate limited/.test(l.msg ?? ""))).toBe(true);
  });

  it("rate-limited past the retry budget: sent 1 + apiRetries times, then given up and logged once", async () => {
    const failures = replyFailures().length;
    for (let n = 0; n < 3; n++) fake.failNext("chat.postMessage", { status: 429, headers: { "retry-after": "0" } });
    const msg = channelMessage({ text: "#1 30% 方案已起草", ts: "1700000504.000001" });
    await post({ json: eventCallback(msg) });
    await fake.waitFor(() => replyFailures().length > failures);
    await adapter.idle();
    expect(postsInThread(msg.ts)).toHaveLength(3);
    expect(inThread(msg.ts)).toEqual([]);
    expect(await storedFor(msg.ts)).toHaveLength(1);
  });

  it("a 500 after Slack posted the confirmation anyway: no second copy, the failure logged, the update kept", async () => {
    const failures = replyFailures().length;
    fake.failNext("chat.postMessage", { status: 500, commit: true });
    const msg = channelMessage({ text: "#7 70% 已完成初审", ts: "1700000501.000001" });
    await post({ json: eventCallback(msg) });
    await fake.waitFor(() => replyFailures().length > failures, 4000);
    await adapter.idle();
    expect(inThread(msg.ts)).toHaveLength(1);
    expect(postsInThread(msg.ts)).toHaveLength(1);
    expect(await storedFor(msg.ts)).toHaveLength(1);
    expect(replyFailures().at(-1)!.obj).toMatchObject({ channel: PLAN_CHANNEL, user: "U0ALICE", err: { message: expect.stringContaining("500") } });

    // The member can still see the update on the task card.
    await post({ form: slashCommand({ command: "/task", text: "7", responseUrl: fake.responseUrl("card-after-500") }) });
    const [card] = await fake.responded("card-after-500");
    expect(JSON.stringify(card!.body.blocks)).toContain("70%");
  });

  it("a 500 on a mention's answer is not sent blindly again; it is logged and the next mention is answered", async () => {
    const mention = (text: string, ts: string) => eventCallback({ type: "app_mention", user: "U0ALICE", text: `<@U0BOT> ${text}`, channel: PLAN_CHANNEL, ts });
    const unthreaded = () => fake.calls("chat.postMessage").filter((c) => c.args.channel === PLAN_CHANNEL && !c.args.thread_ts);
    const before = unthreaded().length;
    const landed = () => (fake.messages.get(PLAN_CHANNEL) ?? []).filter((m) => !m.thread_ts).length;
    const landedBefore = landed();
    const failures = replyFailures().length;
    fake.failNext("chat.postMessage", { status: 500 });
    await post({ json: mention("/task 1", "1700000502.000001") });
    await fake.waitFor(() => replyFailures().length > failures, 4000);
    await adapter.idle();
    expect(unthreaded().length - before).toBe(1);
    expect(landed() - landedBefore).toBe(0);

    await post({ json: mention("/task 1", "1700000503.000001") });
    await fake.waitFor(() => landed() - landedBefore === 1);
    expect(JSON.stringify(fake.messages.get(PLAN_CHANNEL)!.at(-1)!.blocks)).toContain("任务 1");
  });

  it("a response_url answering 500 is logged, and the next command is served", async () => {
    const failures = replyFailures().length;
    fake.failNextResponse("resp-500", { status: 500 });
    await post({ form: slashCommand({ command: "/task", text: "7", responseUrl: fake.responseUrl("resp-500") }) });
    await fake.waitFor(() => replyFailures().length > failures, 4000);
    await adapter.idle();
    expect(fake.responsesTo("resp-500")).toEqual([]);
    expect(replyFailures().at(-1)!.obj).toMatchObject({ err: { message: expect.stringContaining("500") } });

    await post({ form: slashCommand({ command: "/task", text: "1", responseUrl: fake.responseUrl("resp-next") }) });
    const [next] = await fake.responded("resp-next");
    expect(JSON.stringify(next!.body.blocks)).toContain("任务 1");
  });

  it("nothing secret reached the log during these failures, and no promise was left unhandled", () => {
    expect(replyFailures().length).toBeGreaterThanOrEqual(4);
    const logged = JSON.stringify(logLines);
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toMatch(/xox[a-z]-/);
    expect(logged).not.toContain(SIGNING_SECRET);
    // A response_url lets anyone post into the channel for 30 minutes: not logged either.
    expect(logged).not.toContain("/respond/");
    expect(unhandled).toEqual([]);
  });
});
