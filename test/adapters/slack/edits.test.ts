import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelMessage, editedMention, eventCallback, messageChanged, messageDeleted, slashCommand } from "../../fakes/slack/payloads.ts";
import { BOT_USER_ID } from "../../fakes/slack/fake-slack.ts";
import { PLAN_CHANNEL, startHarness, type Harness } from "./harness.ts";

/**
 * Edited and deleted Slack messages, through real Bolt against the fake Slack, with the
 * production dispatcher: `message_changed` (only a person's edit, never an unfurl), an edited
 * `app_mention`, and `message_deleted`.
 */
describe("Slack: edited and deleted messages", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ productionCommands: true });
    await h.services.store.updateChannel("slack", PLAN_CHANNEL, { open: true });
  });
  afterAll(async () => h?.close());

  /** What the bot posted into a message's thread, as the user reads it. */
  const thread = (ts: string) =>
    h.fake.apiCalls
      .filter((c) => c.method === "chat.postMessage" && c.args.channel === PLAN_CHANNEL && c.args.thread_ts === ts)
      .map((c) => `${c.args.text ?? ""}\n${JSON.stringify(c.args.blocks ?? [])}`);
  const standing = (ts: string) =>
    h.t.db.prisma.progressUpdate.findMany({
      where: { sourceMessageId: `${PLAN_CHANNEL}:${ts}`, kind: "progress", retractedBy: null },
      include: { task: true },
      orderBy: { id: "asc" },
    });
  const value = async (ts: string) => (await standing(ts)).map((u) => [u.task?.number, u.status, u.percent]);
  /**
   * Waits until the events posted so far have been handled: a probe slash command is answered
   * after them, then every tracked handler has finished.
   */
  async function settle(): Promise<void> {
    const id = `probe-${Math.random().toString(36).slice(2)}`;
    await h.post({ form: slashCommand({ command: "/help", text: "", responseUrl: h.fake.responseUrl(id) }) });
    await h.fake.responded(id);
    await h.adapter.idle();
  }
  /** Polls a store condition; the limit only ends a hang. */
  async function until(pred: () => Promise<boolean>): Promise<void> {
    for (const end = Date.now() + 60_000; !(await pred()); ) {
      if (Date.now() > end) throw new Error("condition not met");
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const duplicates = () => h.logLines.filter((l) => l.msg === "duplicate event ignored").length;

  it("an edit retracts the old update and records the new reading, with a notice in the thread; a redelivery changes nothing", async () => {
    const msg = channelMessage({ text: "#7 60% 场地已选定", ts: "1700000700.000001" });
    await h.post({ json: eventCallback(msg) });
    await h.fake.waitFor(() => thread(msg.ts).length === 1);
    expect(await value(msg.ts)).toEqual([["7", "in_progress", 60]]);

    const edit = eventCallback(messageChanged(msg, { text: "#7 80% 场地已选定，装修中", editedTs: "1700000760.000000" }));
    await h.post({ json: edit });
    const [, notice] = await h.fake.waitFor(() => (thread(msg.ts).length === 2 ? thread(msg.ts) : undefined));
    expect(notice).toContain("消息已编辑：原记录已撤销（#7 进行中 60%）");
    expect(notice).toContain("进行中 80%");
    expect(await value(msg.ts)).toEqual([["7", "in_progress", 80]]);
    const [latest] = await standing(msg.ts);
    expect(latest!.note).toBe("场地已选定，装修中");
    expect(latest!.sourceRevision).toBe("1700000760.000000");

    // Slack retries the same delivery, and reports the same edit again in a new event (a link
    // unfurled in the edited message: message_changed still carrying that edit's `edited`).
    const before = duplicates();
    await h.post({ json: edit }, { headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" } });
    await h.post({ json: eventCallback(messageChanged(msg, { text: "#7 80% 场地已选定，装修中", editedTs: "1700000760.000000", attachments: [{ title: "链接" }] })) });
    await h.fake.waitFor(() => duplicates() >= before + 2);
    await settle();
    expect(thread(msg.ts)).toHaveLength(2);
    expect(await value(msg.ts)).toEqual([["7", "in_progress", 80]]);
  });

  it("a message_changed without `edited` (an unfurl, a reply count) or of the bot's own message is not an edit", async () => {
    const msg = channelMessage({ text: "#1 40% 方案见 https://example.org", ts: "1700000701.000001" });
    await h.post({ json: eventCallback(msg) });
    await h.fake.waitFor(() => thread(msg.ts).length === 1);
    await h.post({ json: eventCallback(messageChanged(msg, { editedTs: null, attachments: [{ title: "example.org", from_url: "https://example.org" }] })) });
    const own = { ...channelMessage({ text: "已记录：任务 1", ts: "1700000701.000002", user: BOT_USER_ID }), bot_id: "B0BOT" };
    await h.post({ json: eventCallback(messageChanged(own, { text: "#1 90%", editedTs: "1700000702.000000" })) });
    await h.post({ json: eventCallback(messageDeleted(own)) });
    await settle();
    expect(thread(msg.ts)).toHaveLength(1);
    expect(thread(own.ts)).toEqual([]);
    expect(await value(msg.ts)).toEqual([["1", "in_progress", 40]]);
  });

  it("a second edit retracts the first edit's reading; a deletion retracts what stands, with a notice; /history shows it all", async () => {
    const msg = channelMessage({ text: "任务1完成", ts: "1700000703.000001" });
    await h.post({ json: eventCallback(msg) });
    await h.fake.waitFor(() => thread(msg.ts).length === 1);
    await h.post({ json: eventCallback(messageChanged(msg, { text: "任务1受阻 等待批复", editedTs: "1700000704.000000" })) });
    await h.fake.waitFor(() => thread(msg.ts).length === 2);
    expect(await value(msg.ts)).toEqual([["1", "blocked", null]]);
    await h.post({ json: eventCallback(messageChanged(msg, { text: "任务1 50%", editedTs: "1700000705.000000", previousText: "任务1受阻 等待批复" })) });
    const third = await h.fake.waitFor(() => thread(msg.ts)[2]);
    expect(third).toContain("消息已编辑：原记录已撤销（#1 受阻）");
    expect(await value(msg.ts)).toEqual([["1", "in_progress", 50]]);

    await h.post({ json: eventCallback(messageDeleted(msg, "任务1 50%")) });
    const gone = await h.fake.waitFor(() => thread(msg.ts)[3]);
    expect(gone).toContain("消息已删除：相应记录已撤销（#1 进行中 50%）");
    expect(await standing(msg.ts)).toEqual([]);

    await h.post({ form: slashCommand({ command: "/history", text: "1", responseUrl: h.fake.responseUrl("hist-1") }) });
    const [history] = await h.fake.responded("hist-1");
    const shown = JSON.stringify(history!.body);
    expect(shown).toMatch(/（消息已编辑）/);
    expect(shown).toMatch(/（消息已删除）/);
    expect(shown).toContain("受阻");
    expect(shown).toContain("进行中 50%");
  });

  it("an edit that turns chat into an update records it; an edit to chat retracts and says nothing new was recorded", async () => {
    const msg = channelMessage({ text: "下午开会", ts: "1700000706.000001" });
    await h.post({ json: eventCallback(msg) });
    await h.post({ json: eventCallback(messageChanged(msg, { text: "#1 30%", editedTs: "1700000707.000000" })) });
    await h.fake.waitFor(() => thread(msg.ts).length === 1);
    expect(await value(msg.ts)).toEqual([["1", "in_progress", 30]]);
    await h.post({ json: eventCallback(messageChanged(msg, { text: "下午开会，改到明天", editedTs: "1700000708.000000" })) });
    const [, notice] = await h.fake.waitFor(() => (thread(msg.ts).length === 2 ? thread(msg.ts) : undefined));
    expect(notice).toContain("新内容没有可记录的进度");
    expect(await standing(msg.ts)).toEqual([]);
  });

  it("an edited mention arrives twice (message_changed and app_mention with `edited`) and is handled once", async () => {
    const msg = channelMessage({ text: `<@${BOT_USER_ID}> #7 20%`, ts: "1700000709.000001" });
    await h.post({ json: eventCallback({ type: "app_mention", user: msg.user, text: msg.text, ts: msg.ts, channel: msg.channel }) });
    await h.post({ json: eventCallback(msg) });
    // A mention is answered where it was asked (the channel); the edit's notice goes to its thread.
    await until(async () => (await value(msg.ts)).length === 1);
    expect(await value(msg.ts)).toEqual([["7", "in_progress", 20]]);
    const posts = () => h.fake.apiCalls.filter((c) => c.method.startsWith("chat.post") && c.args.channel === PLAN_CHANNEL).length;
    const before = posts();
    const text = `<@${BOT_USER_ID}> #7 25%`;
    await h.post({ json: eventCallback(editedMention(msg, text, "1700000710.000000")) });
    await h.post({ json: eventCallback(messageChanged(msg, { text, editedTs: "1700000710.000000" })) });
    await h.fake.waitFor(() => thread(msg.ts).length === 1);
    await settle();
    expect(thread(msg.ts)).toHaveLength(1);
    expect(thread(msg.ts)[0]).toContain("消息已编辑：原记录已撤销（#7 进行中 20%）");
    expect(posts()).toBe(before + 1);
    expect(await value(msg.ts)).toEqual([["7", "in_progress", 25]]);
  });

  it("an edited reply inside a thread is answered in that thread", async () => {
    const parent = "1700000713.000001";
    const reply = channelMessage({ text: "#7 10%", ts: "1700000713.000002", threadTs: parent });
    await h.post({ json: eventCallback(reply) });
    await h.fake.waitFor(() => thread(parent).length === 1);
    await h.post({ json: eventCallback(messageChanged(reply, { text: "#7 15%", editedTs: "1700000714.000000" })) });
    const [, notice] = await h.fake.waitFor(() => (thread(parent).length === 2 ? thread(parent) : undefined));
    expect(notice).toContain("消息已编辑：原记录已撤销（#7 进行中 10%）");
    expect(thread(reply.ts)).toEqual([]);
    expect(await value(reply.ts)).toEqual([["7", "in_progress", 15]]);
  });

  it("a DM edit is answered in the DM, not a thread", async () => {
    const dm = channelMessage({ text: "#1 10%", ts: "1700000711.000001", channel: "D0ALICE", channelType: "im" });
    await h.services.store.updateChannel("slack", "D0ALICE", { planId: h.planId, open: true });
    await h.post({ json: eventCallback(dm) });
    const inDm = () => h.fake.apiCalls.filter((c) => c.method === "chat.postMessage" && c.args.channel === "D0ALICE");
    await h.fake.waitFor(() => inDm().length === 1);
    await h.post({ json: eventCallback(messageChanged(dm, { text: "#1 15%", editedTs: "1700000712.000000" })) });
    const notice = await h.fake.waitFor(() => inDm()[1]);
    expect(notice.args.thread_ts).toBeUndefined();
    expect(JSON.stringify(notice.args.blocks)).toContain("消息已编辑");
    expect(await h.t.db.prisma.progressUpdate.count({ where: { sourceMessageId: `D0ALICE:${dm.ts}`, kind: "progress", retractedBy: null, percent: 15 } })).toBe(1);
  });
});
