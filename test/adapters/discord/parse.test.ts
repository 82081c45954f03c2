import { describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../../commands/index.ts";
import { defineCommand } from "../../../src/core/command.ts";
import { messageText, slashText, umbrellaText } from "../../../src/adapters/discord/parse.ts";
import { fillFormCommand as fillTemplate } from "../../../src/core/reply.ts";
import { buildCommandPayloads, sameCommands } from "../../../src/adapters/discord/register.ts";
import { restBase } from "../../../src/adapters/discord/discord-adapter.ts";

const update = defineCommand({
  name: "update",
  aliases: [],
  summary: "cmd.task.summary", permission: { right: "anyone" },
  usage: "cmd.task.usage",
  args: z.object({ text: z.string() }),
  slash: {
    options: [
      { name: "number", description: "opt.taskNumber", type: "string", required: true },
      { name: "note", description: "opt.taskNumber", type: "string", required: false },
      { name: "progress", description: "opt.taskNumber", type: "integer", required: true },
    ],
  },
  run: async () => ({ blocks: [] }),
});

describe("Discord input to command text", () => {
  it("rebuilds a slash command in definition order, leaving out empty options and quoting inner phrases", () => {
    const values: Record<string, string | number> = { number: "7", progress: 60 };
    expect(slashText(update, (n) => values[n])).toBe("/update 7 60");
    expect(slashText(update, (n) => ({ number: "7", note: "已 验收", progress: 60 })[n])).toBe('/update 7 "已 验收" 60');
    expect(slashText(update, (n) => ({ number: "7", note: 'say "hi" now', progress: 60 })[n])).toBe('/update 7 「say "hi" now」 60');
    expect(slashText(update, (n) => ({ number: "7 ", progress: "60 % done" })[n])).toBe("/update 7 60 % done");
  });

  it("the umbrella reaches any command", () => {
    expect(umbrellaText("tasks 2")).toBe("/tasks 2");
    expect(umbrellaText(" /help task")).toBe("/help task");
    expect(umbrellaText("！任务 7")).toBe("/任务 7");
    expect(umbrellaText(null)).toBe("/help");
  });

  it("fills a form template; empty optional answers disappear", () => {
    expect(fillTemplate("/update 7 {progress} {note}", { progress: "60%", note: "已验收" })).toBe("/update 7 60% 已验收");
    expect(fillTemplate("/update 7 {progress} {note}", { progress: " done ", note: "  " })).toBe("/update 7 done");
    expect(fillTemplate("/update {n} {progress}", { progress: "60%" })).toBe("/update 60%");
  });

  it("takes the bot's own mention out of a message, keeping others", () => {
    expect(messageText("<@123> #7 完成 <@456>", "123")).toBe("#7 完成 <@456>");
    expect(messageText("进度 <@!123> 60%", "123")).toBe("进度 60%");
  });

  it("accepts the API URL with or without a version", () => {
    expect(restBase("https://discord.com/api/v10/")).toBe("https://discord.com/api");
    expect(restBase("http://127.0.0.1:9/api")).toBe("http://127.0.0.1:9/api");
  });
});

describe("Discord application commands", () => {
  const payloads = buildCommandPayloads(commands, "zh-CN");

  it("has one native command per slash definition plus /duban, with valid names and short descriptions", () => {
    const native = commands.filter((c) => c.slash).map((c) => c.name);
    expect(payloads.map((p) => p.name)).toEqual([...native, "duban"]);
    for (const p of payloads) {
      expect(p.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(p.description.length).toBeGreaterThan(0);
      expect(p.description.length).toBeLessThanOrEqual(100);
      expect(Object.keys(p.description_localizations ?? {}).sort()).toEqual(["en-GB", "en-US", "zh-CN", "zh-TW"]);
    }
  });

  it("puts required options first, as Discord demands", () => {
    const [p] = buildCommandPayloads([update], "en");
    expect(p!.options!.map((o) => o.name)).toEqual(["number", "progress", "note"]);
    expect(p!.options!.map((o) => o.type)).toEqual([3, 4, 3]);
    expect(p!.description).toBe("Show a task: units, status, progress");
  });

  it("compares with what Discord returns (defaults dropped, extra fields, any order)", () => {
    const returned = [...payloads].reverse().map((p) => ({
      ...p,
      id: "1",
      version: "2",
      application_id: "3",
      default_member_permissions: null,
      nsfw: false,
      options: (p.options ?? []).map((o: any) => {
        const { required, autocomplete, ...rest } = o;
        return { ...rest, ...(required ? { required } : {}), ...(autocomplete ? { autocomplete } : {}) };
      }),
    }));
    expect(sameCommands(returned, payloads)).toBe(true);
    expect(sameCommands(returned.slice(1), payloads)).toBe(false);
    const changed = returned.map((c) => (c.name === "duban" ? { ...c, description: "old text" } : c));
    expect(sameCommands(changed, payloads)).toBe(false);
  });
});
