import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT, BOT_ID, CHANNEL_ID, THREAD_ID, messageCreate, messageDelete, messageUpdate } from "../../fakes/discord/payloads.ts";
import { startHarness, visibleText, type Harness } from "./harness.ts";

/**
 * Edited and deleted Discord messages through discord.js against the fake gateway: MESSAGE_UPDATE
 * with a new `edited_timestamp` is an edit (an embed unfurling is not), MESSAGE_DELETE retracts,
 * also for messages the bot never cached (sent before it started).
 */
describe("Discord: edited and deleted messages", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ messageContent: true });
    await h.services.store.updateChannel("discord", CHANNEL_ID, { open: true });
  });
  afterAll(async () => h?.close());

  /** What the bot posted in a channel, as users read it (messages Discord kept, not attempts). */
  const posted = (channelId = CHANNEL_ID) => (h.fake.messages.get(channelId) ?? []).map((m) => ({ text: visibleText(m), replyTo: m.message_reference?.message_id as string | undefined }));
  const answersTo = (id: string, channelId = CHANNEL_ID) => posted(channelId).filter((m) => m.replyTo === id).map((m) => m.text);
  const standing = (id: string) =>
    h.prisma.progressUpdate.findMany({ where: { sourceMessageId: id, kind: "progress", retractedBy: null }, include: { task: true }, orderBy: { id: "asc" } });
  const value = async (id: string) => (await standing(id)).map((u) => [u.task?.number, u.status, u.percent]);
  /** Dispatches a DM probe and waits for its answer, then for every handler: all earlier events are handled. */
  async function settle(): Promise<void> {
    const probe = messageCreate("/help", { channel: "dm" });
    h.fake.dispatch("MESSAGE_CREATE", probe);
    await h.fake.waitFor(() => (h.fake.messages.get(probe.channel_id) ?? []).some((m) => m.message_reference?.message_id === probe.id));
    await h.adapter.idle();
  }

  it("an edit retracts the old update and records the new reading, answering the message; the same edit sent again changes nothing", async () => {
    const msg = messageCreate("#7 60% 场地已选定", { channel: CHANNEL_ID });
    h.fake.dispatch("MESSAGE_CREATE", msg);
    await h.fake.waitFor(() => answersTo(msg.id).length === 1);
    expect(await value(msg.id)).toEqual([["7", "in_progress", 60]]);

    const edit = messageUpdate(msg, "#7 80% 场地已选定，装修中", "2026-11-29T10:00:00.000000+00:00");
    h.fake.dispatch("MESSAGE_UPDATE", edit);
    const [, notice] = await h.fake.waitFor(() => (answersTo(msg.id).length === 2 ? answersTo(msg.id) : undefined));
    expect(notice).toContain("消息已编辑：原记录已撤销（#7 进行中 60%）");
    expect(notice).toContain("进行中 80%");
    expect(await value(msg.id)).toEqual([["7", "in_progress", 80]]);
    expect((await standing(msg.id))[0]!.note).toBe("场地已选定，装修中");

    // Discord sends the update again (a link preview resolved): same stamp, nothing new.
    h.fake.dispatch("MESSAGE_UPDATE", messageUpdate(msg, edit.content, edit.edited_timestamp, { embeds: [{ type: "link", url: "https://example.org" }] }));
    h.fake.dispatch("MESSAGE_UPDATE", edit);
    await settle();
    expect(answersTo(msg.id)).toHaveLength(2);
    expect(await value(msg.id)).toEqual([["7", "in_progress", 80]]);
  });

  it("an update without a new edit stamp (embeds unfurled) is not an edit; a bot's edit is ignored", async () => {
    const msg = messageCreate("#1 40% 方案见 https://example.org", { channel: CHANNEL_ID });
    h.fake.dispatch("MESSAGE_CREATE", msg);
    await h.fake.waitFor(() => answersTo(msg.id).length === 1);
    h.fake.dispatch("MESSAGE_UPDATE", messageUpdate(msg, msg.content, null, { embeds: [{ type: "link", url: "https://example.org" }] }));
    const own = { ...messageCreate("已记录：任务 1", { channel: CHANNEL_ID }), author: BOT };
    h.fake.dispatch("MESSAGE_UPDATE", messageUpdate(own, "#1 90%", "2026-11-29T10:01:00.000000+00:00"));
    await settle();
    expect(answersTo(msg.id)).toHaveLength(1);
    expect(answersTo(own.id)).toEqual([]);
    expect(await value(msg.id)).toEqual([["1", "in_progress", 40]]);
  });

  it("two edits, then a deletion: each retracts what stood, notices in the channel; /history shows it all", async () => {
    const msg = messageCreate("任务1完成", { channel: CHANNEL_ID });
    h.fake.dispatch("MESSAGE_CREATE", msg);
    await h.fake.waitFor(() => answersTo(msg.id).length === 1);
    h.fake.dispatch("MESSAGE_UPDATE", messageUpdate(msg, "任务1受阻 等待批复", "2026-11-29T10:02:00.000000+00:00"));
    await h.fake.waitFor(() => answersTo(msg.id).length === 2);
    expect(await value(msg.id)).toEqual([["1", "blocked", null]]);
    h.fake.dispatch("MESSAGE_UPDATE", messageUpdate(msg, "任务1 50%", "2026-11-29T10:03:00.000000+00:00"));
    const third = await h.fake.waitFor(() => answersTo(msg.id)[2]);
    expect(third).toContain("消息已编辑：原记录已撤销（#1 受阻）");
    expect(await value(msg.id)).toEqual([["1", "in_progress", 50]]);

    const before = posted().length;
    h.fake.dispatch("MESSAGE_DELETE", messageDelete(msg));
    const gone = await h.fake.waitFor(() => posted()[before]);
    expect(gone.text).toContain("消息已删除：相应记录已撤销（#1 进行中 50%）");
    expect(await standing(msg.id)).toEqual([]);

    const ask = messageCreate("/history 1", { channel: CHANNEL_ID });
    h.fake.dispatch("MESSAGE_CREATE", ask);
    const [history] = await h.fake.waitFor(() => (answersTo(ask.id).length ? answersTo(ask.id) : undefined));
    expect(history).toMatch(/（消息已编辑）/);
    expect(history).toMatch(/（消息已删除）/);
    expect(history).toContain("受阻");
    expect(history).toContain("进行中 50%");
  });

  it("a deletion of a message that recorded nothing says nothing", async () => {
    const msg = messageCreate(`<@${BOT_ID}> /task 7`, { channel: CHANNEL_ID, mentionsBot: true });
    h.fake.dispatch("MESSAGE_CREATE", msg);
    await h.fake.waitFor(() => answersTo(msg.id).length === 1);
    const before = posted().length;
    h.fake.dispatch("MESSAGE_DELETE", messageDelete(msg));
    await settle();
    expect(posted().length).toBe(before);
  });

  // Last: the harness's own adapter is stopped to restart the bot.
  it("after a restart (nothing cached) an edit and a deletion still arrive: discord.js hands them over as partials", async () => {
    const msg = messageCreate("#7 30%", { channel: THREAD_ID });
    h.fake.dispatch("MESSAGE_CREATE", msg);
    await h.fake.waitFor(() => answersTo(msg.id, THREAD_ID).length === 1);
    await h.adapter.stop();
    const again = h.makeAdapter();
    await again.start();
    try {
      h.fake.dispatch("MESSAGE_UPDATE", messageUpdate(msg, "#7 35%", "2026-11-29T10:04:00.000000+00:00"));
      await h.fake.waitFor(() => answersTo(msg.id, THREAD_ID).length === 2);
      expect(await value(msg.id)).toEqual([["7", "in_progress", 35]]);
      const before = posted(THREAD_ID).length;
      h.fake.dispatch("MESSAGE_DELETE", messageDelete(msg));
      const gone = await h.fake.waitFor(() => posted(THREAD_ID)[before]);
      expect(gone.text).toContain("消息已删除：相应记录已撤销（#7 进行中 35%）");
      expect(await standing(msg.id)).toEqual([]);
      // The retraction is written in the name of the update's author (Discord did not say who).
      const retraction = await h.prisma.progressUpdate.findFirstOrThrow({ where: { sourceMessageId: msg.id, sourceRevision: "delete" }, include: { member: true } });
      expect(retraction.member?.platformUserId).toBe(msg.author.id);
    } finally {
      await again.stop();
    }
  });
});
