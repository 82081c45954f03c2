import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/** Edited and deleted chat messages, as every adapter hands them to the core. */
describe("edited and deleted messages", () => {
  let t: TestDatabase;
  let say: ReturnType<typeof chat>;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const { planId } = await savePlan(t.db.prisma, samplePlan(), { name: "s", hash: "h" });
    const { services } = testServices(t.db);
    await services.store.updateChannel("console", "e", { planId, open: true });
    say = chat(testDispatcher(services), { channelId: "e" });
  });
  afterAll(async () => t?.cleanup());
  const standing = () => t.db.prisma.progressUpdate.findMany({ where: { kind: "progress", retractedBy: null }, include: { task: true } });

  it("an edit retracts the old reading and records the new one, with a notice; history shows both", async () => {
    expect(await say("#7 60%", { messageId: "m-edit" })).toContain("进行中 60%");
    const edited = await say("#7 80%", { messageId: "m-edit", revision: "1700000001.000" });
    expect(edited).toContain("消息已编辑：原记录已撤销（#7 进行中 60%）");
    expect(edited).toContain("进行中 80%");
    expect((await standing()).map((u) => [u.task?.number, u.percent])).toEqual([["7", 80]]);
    // The same edit delivered again changes nothing.
    expect(await say("#7 80%", { messageId: "m-edit", revision: "1700000001.000" })).toBe("");
    const history = await say("/history 7");
    expect(history).toMatch(/撤销了记录 #\d+（消息已编辑）/);
    expect(history).toContain("进行中 60%");
    expect(history).toContain("进行中 80%");
  });

  it("an edit into several tasks, then into chat, then a delete", async () => {
    await say("任务1完成", { messageId: "m2" });
    const multi = await say("任务1完成，任务7受阻", { messageId: "m2", revision: "r1" });
    expect(multi).toContain("已记录 2 项更新");
    const chatty = await say("开会去了", { messageId: "m2", revision: "r2" });
    expect(chatty).toContain("新内容没有可记录的进度");
    expect((await standing()).filter((u) => u.sourceMessageId === "m2")).toEqual([]);
    await say("#1 50%", { messageId: "m3" });
    expect(await say("", { messageId: "m3", deleted: true })).toContain("消息已删除：相应记录已撤销（#1 进行中 50%）");
    expect((await standing()).filter((u) => u.sourceMessageId === "m3")).toEqual([]);
    expect(await say("/history 1")).toMatch(/（消息已删除）/);
    // Deleting a message that recorded nothing says nothing.
    expect(await say("", { messageId: "m-chat", deleted: true })).toBe("");
  });

  it("a message delivered after its edit was read (a late retry) records nothing beside the edit's reading", async () => {
    expect(await say("#7 45%", { messageId: "m-late", revision: "r1" })).toContain("进行中 45%");
    expect(await say("#7 20%", { messageId: "m-late" })).toBe("");
    expect((await standing()).filter((u) => u.sourceMessageId === "m-late").map((u) => [u.percent, u.sourceRevision])).toEqual([[45, "r1"]]);
    // Edited into chat, then the original arrives: still nothing.
    await say("#1 10%", { messageId: "m-late2" });
    await say("午饭吃什么", { messageId: "m-late2", revision: "r1" });
    expect(await say("#1 10%", { messageId: "m-late2" })).toBe("");
    expect((await standing()).filter((u) => u.sourceMessageId === "m-late2")).toEqual([]);
  });

  it("a message delivered after its deletion, or after an edit into chat, was read records nothing", async () => {
    // The deletion comes first: nothing stood to retract, and the late original must not record.
    expect(await say("", { messageId: "m-gone", deleted: true })).toBe("");
    expect(await say("#7 30%", { messageId: "m-gone" })).toBe("");
    // An edit into plain chat comes first: it records nothing, and neither does the late original.
    await say("午饭吃什么", { messageId: "m-chat-first", revision: "r1" });
    expect(await say("#1 15%", { messageId: "m-chat-first" })).toBe("");
    const rows = (await standing()).filter((u) => u.sourceMessageId === "m-gone" || u.sourceMessageId === "m-chat-first");
    expect(rows).toEqual([]);
    // Another message is untouched by those notes.
    expect(await say("#7 35%", { messageId: "m-fresh" })).toContain("35%");
  });
});
