import { describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { defineCommand } from "../../src/core/command.ts";
import { createRegistry } from "../../src/core/registry.ts";
import { reply } from "../../src/core/reply.ts";
import { toSimplified } from "../../src/core/text/script.ts";

const cmd = (name: string, aliases: string[]) =>
  defineCommand({ name, aliases, summary: "cmd.help.summary", permission: { right: "anyone" }, usage: "cmd.help.usage", args: z.object({}), run: async () => reply([]) });

describe("command registry", () => {
  it("throws at startup when two commands share a name or alias", () => {
    expect(() => createRegistry([cmd("task", ["任务"]), cmd("tasks", ["任务"])])).toThrow(/任务.*task.*tasks/);
    expect(() => createRegistry([cmd("task", []), cmd("x", ["TASK"])])).toThrow(/TASK/);
  });

  it("finds commands by name or alias, case-insensitively, and suggests near misses", () => {
    const r = createRegistry([cmd("task", ["任务"]), cmd("help", [])]);
    expect(r.find("TASK")?.name).toBe("task");
    expect(r.find("任务")?.name).toBe("task");
    expect(r.suggest("tsak")).toBe("task");
    expect(r.suggest("weather")).toBeNull();
  });

  it("the shipped command set has unique words and every command has a Chinese alias", () => {
    expect(() => createRegistry(commands)).not.toThrow();
    for (const c of commands) expect(c.aliases.some((a) => /[\u4e00-\u9fff]/.test(a)), c.name).toBe(true);
  });

  it("a command's first Chinese alias is Simplified (the one /help shows in zh-CN)", () => {
    for (const c of commands) {
      const first = c.aliases.find((a) => /[\u4e00-\u9fff]/.test(a))!;
      expect(toSimplified(first), `${c.name}: ${c.aliases.join(" ")}`).toBe(first);
    }
  });
});
