import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { defineCommand } from "../../src/core/command.ts";
import { createDispatcher } from "../../src/core/dispatcher.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

describe("foundation commands through the dispatcher", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h" });
  });
  afterAll(async () => t?.cleanup());

  it("/help lists every visible command with its Chinese alias, generated from the definitions", async () => {
    const { services } = testServices(t.db);
    const say = chat(testDispatcher(services));
    const out = await say("/help");
    for (const c of commands) expect(out).toContain(`/${c.name}`);
    expect(out).toContain("/task (任务)");
    expect(await say("/help 任务")).toContain("/task <编号>");
  });

  it("asks for a plan before /task, then shows the card after /plan use", async () => {
    const { services } = testServices(t.db);
    const say = chat(testDispatcher(services), { channelId: "room-1" });
    expect(await say("/task 7")).toContain("/plan use");
    expect(await say("/plan use 样例", { userId: "admin" })).toContain("样例市关于打造知识产权强市的工作方案");
    const card = await say("/task 七");
    expect(card).toContain("任务 7 · 加快知识产权保护中心建设");
    expect(card).toMatch(/牵头：市市场监管局/);
    expect(card).toMatch(/配合：市中级法院、市公安局/);
    expect(await say("／ｔａｓｋ　７")).toBe(card);
    expect(await say("!任务 7")).toBe(card);
  });

  it("an unknown task number answers with the plan's range", async () => {
    const { services } = testServices(t.db);
    const say = chat(testDispatcher(services), { channelId: "room-1" });
    expect(await say("/task 99")).toContain("没有第 99 项任务（任务编号 1, 7）");
  });

  it("unknown commands and bad arguments get a helpful reply, in the channel's language", async () => {
    const { services } = testServices(t.db);
    const say = chat(testDispatcher(services), { channelId: "room-2" });
    expect(await say("/tsak 3")).toContain("/task");
    expect(await say("/task abc")).toContain("用法");
    await services.store.updateChannel("console", "room-2", { locale: "en" });
    expect(await say("/nothing")).toContain("There is no command");
    expect(await say("/plan use 天津")).toContain("No plan matches");
  });

  it("a failing command becomes a reply with a reference and exactly one error log line", async () => {
    const { services, logLines } = testServices(t.db);
    const boom = defineCommand({
      name: "boom",
      aliases: ["炸"],
      summary: "cmd.help.summary", permission: { right: "anyone" },
      usage: "cmd.help.usage",
      args: z.object({ text: z.string() }),
      run: async () => {
        throw new Error("kaput");
      },
    });
    const say = chat(createDispatcher({ commands: [...commands, boom], services }));
    const out = await say("/boom");
    const errors = logLines.filter((l) => l.level === "error");
    expect(errors).toHaveLength(1);
    const ref = (errors[0]!.obj as { ref: string }).ref;
    expect(out).toContain(ref);
    expect(out).not.toContain("kaput");
  });

  it("ordinary chat is ignored silently", async () => {
    const { services } = testServices(t.db);
    const say = chat(testDispatcher(services));
    expect(await say("大家好，明天下午3点开会")).toBe("");
  });
});
