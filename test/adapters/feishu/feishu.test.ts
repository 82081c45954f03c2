import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../../src/adapters/feishu/adapter.ts";
import type { Adapter } from "../../../src/adapters/contract.ts";
import { reply } from "../../../src/core/reply.ts";
import { PostError } from "../../../src/scheduler/types.ts";
import { FakeFeishu } from "../../fakes/feishu/fake-feishu.ts";
import { CONTRACT_REPLIES } from "../contract.ts";
import { ALICE, BOB, BOUND, core, GROUP, PNG, SECRET, XLSX } from "./harness.ts";

describe("Feishu adapter against the fake Feishu (real SDK, long connection)", () => {
  let fake: FakeFeishu;
  let c: ReturnType<typeof core>;
  let adapter: Adapter;
  beforeAll(async () => {
    fake = await new FakeFeishu({ appSecret: SECRET }).start();
    fake.names.set(ALICE, "王小明");
    c = core();
    adapter = createAdapter({ appId: fake.appId, appSecret: SECRET, domain: fake.url }, { services: c.services, dispatcher: c.dispatcher, inbound: c.inbound, commands: [], logger: c.services.log });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.stop();
  });
  beforeEach(() => {
    c.seen.length = 0;
  });
  const replies = (messageId: string) => fake.waitFor(() => (fake.repliesTo(messageId).length ? fake.repliesTo(messageId) : undefined));
  const text = (m: { content: string }) => JSON.parse(m.content).text as string;

  it("discovers the endpoint with the app's credentials and answers pings", async () => {
    expect(fake.endpointRequests.at(-1)).toEqual({ AppID: fake.appId, AppSecret: SECRET });
    await fake.waitFor(() => fake.pings >= 1);
  });

  it("answers a DM as a reply to it; the sender is known by open_id and named through the contact API", async () => {
    const { messageId, frameId } = fake.pushMessage({ text: "/probe 你好", sender: ALICE });
    const [answer] = await replies(messageId);
    expect(text(answer!)).toBe("probe 你好");
    expect(c.seen).toEqual([{ text: "/probe 你好", userId: ALICE, userName: "王小明", channelId: ALICE, isDirect: true }]);
    expect(fake.acksOf(frameId).map((a) => a.code)).toEqual([200]);
  });

  it("acknowledges a message only once it is stored in the core's inbox", async () => {
    let release = () => {};
    c.inbox.gate = new Promise<void>((r) => (release = r));
    try {
      const { messageId, frameId } = fake.pushMessage({ text: "/probe 存好再确认", sender: ALICE });
      // Nothing acknowledges it while the store has not answered (a wait can only miss a bug, never invent one).
      await new Promise((r) => setTimeout(r, 300));
      expect(fake.acksOf(frameId)).toEqual([]);
      expect(c.inbox.stored).not.toContain(messageId);
      release();
      await fake.waitFor(() => fake.acksOf(frameId).length === 1);
      expect(c.inbox.stored).toContain(messageId);
      expect(text((await replies(messageId))[0]!)).toBe("probe 存好再确认");
    } finally {
      c.inbox.gate = null;
      release();
    }
  });

  it("reassembles an event split over several frames", async () => {
    const { messageId } = fake.pushMessage({ text: `/probe ${"长".repeat(300)}`, sender: ALICE }, 3);
    const [answer] = await replies(messageId);
    expect(text(answer!)).toBe(`probe ${"长".repeat(300)}`);
  });

  it("in a group: hears an @-mention of the bot with the mention taken out and people's mentions as open_ids; rich text too", async () => {
    const { messageId } = fake.pushMessage({ text: "@督办 /probe 交给 @李四", chatType: "group", chatId: GROUP, sender: ALICE, mentions: [{ name: "李四", openId: BOB }] });
    const [answer] = await replies(messageId);
    expect(text(answer!)).toBe(`probe 交给 <at user_id="${BOB}">李四</at>`);
    expect(c.seen[0]).toMatchObject({ channelId: GROUP, isDirect: false });
    const post = fake.pushMessage({ text: "@督办 /probe 富文本", chatType: "group", chatId: GROUP, sender: ALICE, messageType: "post" });
    expect(text((await replies(post.messageId))[0]!)).toBe("probe 富文本");
  });

  it("a person the contact API will not name is known by the name Feishu gave with a mention of them", async () => {
    const { messageId } = fake.pushMessage({ text: "/probe 我是谁", sender: BOB });
    await replies(messageId);
    expect(c.seen).toEqual([expect.objectContaining({ userId: BOB, userName: "李四" })]);
  });

  it("ignores group chatter that does not address it, and stores free text in a bound chat once under a repeated delivery", async () => {
    const chatter = fake.pushMessage({ text: "午饭吃什么", chatType: "group", chatId: GROUP, sender: ALICE });
    const update = fake.pushMessage({ text: "#7 60% 已验收", chatType: "group", chatId: BOUND, sender: ALICE });
    await replies(update.messageId);
    fake.redeliver(update.frameId);
    await fake.waitFor(() => fake.acksOf(update.frameId).length === 2 && fake.acksOf(chatter.frameId).length === 1);
    await adapter.idle();
    expect(fake.repliesTo(update.messageId).map(text)).toEqual(["stored: #7 60% 已验收"]);
    expect(fake.repliesTo(chatter.messageId)).toEqual([]);
  });

  it("renders cards (header, fields, buttons carrying typed action ids) and people's mentions as Feishu @", async () => {
    const card = fake.pushMessage({ text: "/card", sender: ALICE });
    const [answer] = await replies(card.messageId);
    expect(answer!.msg_type).toBe("interactive");
    const body = JSON.parse(answer!.content);
    expect(body.header.title.content).toBe("任务 7 · 加快中国(深圳)知识产权保护中心建设");
    expect(fake.buttons(answer!.message_id).map((b) => [b.label, b.value.action_id, b.value.command])).toEqual([
      ["撤销", "duban:undo:42", "/undo 42"],
      ["标记完成", "duban:done:7", "/update 7 done"],
      ["更新…", "duban:update:7", "/update 7"],
    ]);
    const who = fake.pushMessage({ text: "/who", sender: ALICE });
    expect(text((await replies(who.messageId))[0]!)).toBe(`负责人 <at user_id="${BOB}"></at>`);
  });

  it("a paging button replaces the card it was on; the click is acknowledged at once", async () => {
    const first = fake.pushMessage({ text: "@督办 /page 1", chatType: "group", chatId: GROUP, sender: ALICE });
    const [card] = await replies(first.messageId);
    const frame = fake.click(card!.message_id, "下一页", BOB);
    await fake.waitFor(() => fake.patches.some((p) => p.message_id === card!.message_id));
    // Acknowledged with a callback response (an empty one: the answer updates the card itself).
    expect(fake.acksOf(frame)).toEqual([expect.objectContaining({ code: 200, data: {} })]);
    expect(JSON.parse(fake.messages.get(card!.message_id)!.content).header.title.content).toBe("第 2 页");
    expect(c.seen.at(-1)).toMatchObject({ text: "/page 2", userId: BOB, channelId: GROUP, button: true });
    // The same click delivered again does nothing more.
    fake.redeliver(frame);
    await fake.waitFor(() => fake.acksOf(frame).length === 2);
    await adapter.idle();
    expect(fake.patches.filter((p) => p.message_id === card!.message_id)).toHaveLength(1);
  });

  it("an Undo button's answer replaces its card; other buttons answer in the chat", async () => {
    const shown = fake.pushMessage({ text: "@督办 /card", chatType: "group", chatId: GROUP, sender: ALICE });
    const [card] = await replies(shown.messageId);
    const before = fake.botMessages(GROUP).length;
    fake.click(card!.message_id, "标记完成", ALICE);
    await fake.waitFor(() => fake.botMessages(GROUP).length > before);
    expect(text(fake.botMessages(GROUP).at(-1)!)).toBe("已更新：7 done");
    expect(fake.patches.filter((p) => p.message_id === card!.message_id)).toEqual([]);
    fake.click(card!.message_id, "撤销", ALICE);
    await fake.waitFor(() => fake.patches.some((p) => p.message_id === card!.message_id));
    expect(fake.messages.get(card!.message_id)!.content).toContain("已撤销：记录 #42");
    expect(fake.buttons(card!.message_id)).toEqual([]);
  });

  it("a private answer in a group is an ephemeral card only the asker sees; in a DM an ordinary reply", async () => {
    const g = fake.pushMessage({ text: "@督办 /secret", chatType: "group", chatId: GROUP, sender: BOB });
    await fake.waitFor(() => fake.ephemerals.find((e) => e.open_id === BOB));
    expect(fake.ephemerals.at(-1)).toMatchObject({ chat_id: GROUP, open_id: BOB });
    expect(JSON.stringify(fake.ephemerals.at(-1)!.card)).toContain("只有你能看到");
    expect(fake.repliesTo(g.messageId)).toEqual([]);
    const dm = fake.pushMessage({ text: "/secret", sender: BOB });
    expect(text((await replies(dm.messageId))[0]!)).toBe("只有你能看到");
  });

  it("a bot menu item runs its command in the person's one-to-one chat", async () => {
    fake.pushMenu({ operator: BOB, name: "李四", eventKey: "probe_menu" });
    const chat = fake.p2pChat(BOB);
    const before = fake.botMessages(chat).length;
    await fake.waitFor(() => fake.botMessages(chat).length > before);
    expect(text(fake.botMessages(chat).at(-1)!)).toBe("probe menu");
    expect(c.seen.at(-1)).toMatchObject({ userId: BOB, userName: "李四", channelId: BOB, isDirect: true });
  });

  it("a reply's files are uploaded and sent after its text (a workbook as a file, a chart as an image)", async () => {
    const { messageId } = fake.pushMessage({ text: "/export", sender: ALICE });
    const all = await fake.waitFor(() => (fake.repliesTo(messageId).length >= 3 ? fake.repliesTo(messageId) : undefined));
    expect(all.map((m) => m.msg_type)).toEqual(["text", "file", "image"]);
    const file = fake.uploads.get(JSON.parse(all[1]!.content).file_key)!;
    expect(file).toMatchObject({ name: "督办台账.xlsx", type: "xls" });
    expect([...file.bytes]).toEqual([...XLSX.data]);
    expect([...fake.uploads.get(JSON.parse(all[2]!.content).image_key)!.bytes]).toEqual([...PNG.data]);
  });

  it("a file sent to the bot reaches the command that takes files, downloaded with the app's token", async () => {
    const { messageId } = fake.pushFile({ sender: ALICE, name: "工作方案.docx", bytes: new Uint8Array(700).fill(7) });
    expect(text((await replies(messageId))[0]!)).toBe("收到 工作方案.docx 700 字节");
  });

  it("a card Feishu refuses is sent again as plain text", async () => {
    fake.failNext("/open-apis/im/v1/messages/:message_id/reply", { status: 400, body: { code: 230099, msg: "Failed to create card content" } });
    const m = fake.pushMessage({ text: "/card", sender: ALICE });
    const [answer] = await replies(m.messageId);
    expect(answer!.msg_type).toBe("text");
    expect(text(answer!)).toContain("加快中国(深圳)知识产权保护中心建设");
    expect(text(answer!)).toContain("撤销");
  });

  it("posts a keyed digest once (Feishu drops a repeat by uuid) and finds it in the chat's history", async () => {
    const target = { platform: "feishu", channelId: "oc_digest000000000000000000000001" };
    expect(await adapter.poster.findPosted!(target, "digest:1")).toBeNull();
    const first = await adapter.poster.post(target, CONTRACT_REPLIES.long!, { idempotencyKey: "digest:1" });
    const parts = fake.botMessages(target.channelId).length;
    expect(parts).toBeGreaterThan(1);
    const again = await adapter.poster.post(target, CONTRACT_REPLIES.long!, { idempotencyKey: "digest:1" });
    expect(again).toEqual(first);
    expect(fake.botMessages(target.channelId)).toHaveLength(parts);
    expect(await adapter.poster.findPosted!(target, "digest:1")).toEqual(first);
    expect(await adapter.poster.findPosted!(target, "digest:2")).toBeNull();
  });

  it("an answer posted into a thread (resumed after a restart) replies to that message, once", async () => {
    const { messageId } = fake.pushMessage({ text: "午饭吃什么", chatType: "group", chatId: GROUP, sender: ALICE });
    const target = { platform: "feishu", channelId: GROUP, threadId: messageId };
    await adapter.poster.post(target, reply([{ type: "text", text: "重启后补答" }]), { idempotencyKey: "inbox:ev1:0" });
    await adapter.poster.post(target, reply([{ type: "text", text: "重启后补答" }]), { idempotencyKey: "inbox:ev1:0" });
    expect(fake.repliesTo(messageId).map((m) => m.content)).toEqual([expect.stringContaining("重启后补答")]);
  });

  it("a reminder to a person goes one-to-one; one the bot cannot reach is dm_unavailable", async () => {
    await adapter.poster.post({ platform: "feishu", userId: ALICE }, reply([{ type: "text", text: "请更新任务 7" }]), { idempotencyKey: "remind:1" });
    expect(fake.botMessages(fake.p2pChat(ALICE)).at(-1)!.content).toContain("请更新任务 7");
    expect(await adapter.poster.findPosted!({ platform: "feishu", userId: ALICE }, "remind:1")).toMatchObject({ messageRef: expect.stringMatching(/^feishu:om_/) });
    fake.unreachable.add(BOB);
    const err = await adapter.poster.post({ platform: "feishu", userId: BOB }, reply([{ type: "text", text: "x" }])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect((err as PostError).kind).toBe("dm_unavailable");
  });

  it("a send that failed after Feishu took it (500) is retried without a duplicate; throttling is transient with its wait", async () => {
    const target = { platform: "feishu", channelId: "oc_retry0000000000000000000000001" };
    fake.failNext("/open-apis/im/v1/messages", { status: 500, body: { code: 1000, msg: "internal error" }, commit: true });
    const err = (await adapter.poster.post(target, CONTRACT_REPLIES.card!, { idempotencyKey: "digest:retry" }).catch((e: unknown) => e)) as PostError;
    expect(err).toBeInstanceOf(PostError);
    expect(err.kind).toBe("transient");
    expect(fake.botMessages(target.channelId)).toHaveLength(1);
    expect(await adapter.poster.findPosted!(target, "digest:retry")).toMatchObject({ messageRef: `feishu:${fake.botMessages(target.channelId)[0]!.message_id}` });
    await adapter.poster.post(target, CONTRACT_REPLIES.card!, { idempotencyKey: "digest:retry" });
    expect(fake.botMessages(target.channelId)).toHaveLength(1);
    fake.failNext("/open-apis/im/v1/messages", { status: 429, body: { code: 99991400, msg: "request trigger frequency limit" } });
    const throttled = (await adapter.poster.post(target, CONTRACT_REPLIES.card!).catch((e: unknown) => e)) as PostError;
    expect(throttled.kind).toBe("transient");
    expect(throttled.retryAfterMs).toBeGreaterThan(0);
  });

  it("renews a tenant access token Feishu no longer accepts", async () => {
    const before = fake.tokenRequests;
    fake.revokeTokens();
    const { messageId } = fake.pushMessage({ text: "/probe 令牌", sender: ALICE });
    expect(text((await replies(messageId))[0]!)).toBe("probe 令牌");
    expect(fake.tokenRequests).toBe(before + 1);
  });

  it("an unreadable frame is logged and ignored; a dropped connection is opened again", async () => {
    fake.sendRaw(new Uint8Array([0x0a, 0xff, 0xff, 0xff]));
    const endpoints = fake.endpointRequests.length;
    fake.dropConnection();
    await fake.waitFor(() => fake.endpointRequests.length > endpoints && fake.socketConnected, 60_000);
    const { messageId } = fake.pushMessage({ text: "/probe 又连上了", sender: ALICE });
    expect(text((await replies(messageId))[0]!)).toBe("probe 又连上了");
    expect(c.logLines.some((l) => l.msg === "feishu: long connection error")).toBe(true);
  });

  it("the fake Feishu refused nothing it was sent", () => {
    expect(fake.rejected).toEqual([]);
  });

  it("logs neither the app secret nor tokens", () => {
    const all = JSON.stringify(c.logLines);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("t-fake");
  });
});
