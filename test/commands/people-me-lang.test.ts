import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/core/command.ts";
import type { ImportedTask } from "../../src/importer/types.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";
import { ADMINS, people } from "./people-chat.ts";

/** 24 tasks: 1–23 led by 市数据局 (5 is done, 2 in progress), 24 belongs to someone else. */
function bigPlan() {
  const tasks: ImportedTask[] = Array.from({ length: 24 }, (_, i) => ({
    number: String(i + 1),
    title: `第${i + 1}项数据工作`,
    section: null,
    text: "",
    units: [{ name: i === 23 ? "市公安局" : "市数据局", role: "lead" as const }],
    required: null,
    requirementNote: null,
    deadlines: i === 1 ? [{ text: "2021年底前", date: "2021-12-31", recurrence: null }] : [],
  }));
  return samplePlan({
    slug: "data-2021",
    title: "数据工作方案",
    tasks,
    targets: [],
    units: [{ name: "市数据局", aliases: ["数据局"] }, { name: "市公安局", aliases: [] }],
  });
}

describe("/me and /lang", () => {
  let t: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const { planId } = await savePlan(t.db.prisma, bigPlan(), { name: "data.txt", hash: "d" });
    services = testServices(t.db).services;
    services.settings = { ...services.settings, admins: ADMINS };
    for (const channel of ["c", "room-en", "room-2"]) await services.store.updateChannel("console", channel, { planId });
    const rows = await services.store.listTaskRows(planId);
    const id = (n: string) => rows.find((r) => r.number === n)!.id;
    const member = { platform: "console", platformUserId: "admin", displayName: "admin" };
    await services.store.recordUpdate({ planId, taskId: id("5"), member, status: "done", percent: 100, sourcePlatform: "console" });
    await services.store.recordUpdate({ planId, taskId: id("2"), member, status: "in_progress", percent: 60, sourcePlatform: "console" });
  });
  afterAll(async () => t?.cleanup());

  it("explains how to get mapped when nothing is mapped yet", async () => {
    const out = await people(services, { userId: "bob", userName: "bob" })("/me");
    expect(out.text).toContain("您还没有登记到计划“数据工作方案”的任何单位");
    expect(out.text).toContain("/owner <单位> @您");
  });

  it("lists my units' open tasks, ten a page, with a button for more", async () => {
    await people(services, { userId: "admin", userName: "admin" })("/owner 数据局 @alice");
    const say = people(services, { userId: "alice", userName: "alice" });
    const first = await say("/我的");
    expect(first.text).toContain("【我的单位：市数据局】");
    expect(first.text).toContain("• 1 · 第1项数据工作（牵头 · 未开始）");
    expect(first.text).toContain("• 2 · 第2项数据工作（牵头 · 进行中 60% · 截止 2021-12-31）");
    expect(first.text).not.toContain("第5项");
    expect(first.text).toContain("第 1/3 页，共 22 项未完成任务");
    const items = first.replies[0]!.blocks.find((b) => b.type === "list");
    expect(items?.type === "list" && items.items).toHaveLength(10);
    const actions = first.replies[0]!.blocks.find((b) => b.type === "actions");
    expect(actions?.type === "actions" && actions.buttons[0]!.command).toBe("/me page 2");

    const last = await say("/me page 3");
    expect(last.text).toContain("• 23 · 第23项数据工作");
    expect(last.text).not.toContain("第24项");
    expect(last.text).toContain("第 3/3 页");
    expect(last.replies[0]!.blocks.some((b) => b.type === "actions")).toBe(false);
    expect((await say("/me 9")).text).toContain("第 3/3 页");
  });

  it("a channel's language is for admins; a denial says who can and offers the personal setting", async () => {
    const say = people(services, { userId: "carol", userName: "carol", channelId: "room-en" });
    const out = await say("/lang en");
    expect(out.text).toContain("只有管理员（DUBAN_ADMINS 或本频道计划的管理员）能更改本频道的语言");
    expect(out.text).toContain("/lang me en");
    expect((await services.store.getChannel("console", "room-en")).locale).toBeNull();
    expect((await say("/lang klingon")).text).toContain("不认识“klingon”这种语言");
  });

  it("personal beats channel beats default, and each change replies in the new language", async () => {
    const admin = people(services, { userId: "admin", userName: "admin", channelId: "room-en" });
    const dave = people(services, { userId: "dave", userName: "dave", channelId: "room-en" });
    expect((await admin("/lang English")).text).toBe("This channel now gets replies in English.");
    expect((await dave("/lang")).text).toContain("Channel language: English");

    expect((await dave("/lang me 繁体")).text).toContain("您的個人語言已設為繁體中文");
    const mine = await dave("/语言");
    expect(mine.text).toContain("本頻道語言：English");
    expect(mine.text).toContain("我的語言：繁體中文");
    expect((await dave("/me")).text).toContain("您還沒有登記");
    expect((await dave("/me", { channelId: "room-2" })).text).toContain("您還沒有登記");
    expect((await people(services, { userId: "erin", userName: "erin", channelId: "room-en" })("/me")).text).toContain("You are not mapped");
    expect((await people(services, { userId: "erin", userName: "erin", channelId: "room-2" })("/me")).text).toContain("您还没有登记");

    expect((await dave("/lang me reset")).text).toBe("Your personal language is cleared; you now follow the channel's language (English).");
    expect((await dave("/me")).text).toContain("You are not mapped");

    await admin("/lang me zh-CN");
    const reset = await admin("/lang reset");
    expect(reset.text).toContain("本频道的语言设置已清除，恢复默认（简体中文）");
    const tw = await admin("/lang zh-tw");
    expect(tw.text).toContain("本頻道的回覆語言已設為繁體中文");
    expect(tw.text).toContain("您設定了個人語言（简体中文）");
    expect((await dave("/lang")).text).toContain("本頻道語言：繁體中文");
  });
});
