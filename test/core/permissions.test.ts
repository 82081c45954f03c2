import { describe, expect, it } from "vitest";
import { z } from "zod";
import { commands } from "../../commands/index.ts";
import { formatReplyText } from "../../src/adapters/console/format.ts";
import { manualClock } from "../../src/core/clock.ts";
import { defineCommand, type Services } from "../../src/core/command.ts";
import { createDispatcher } from "../../src/core/dispatcher.ts";
import { translator } from "../../src/core/i18n/index.ts";
import type { PlanSummary } from "../../src/core/model.ts";
import { reply } from "../../src/core/reply.ts";
import type { Store } from "../../src/core/store.ts";
import { captureLog } from "../helpers/core.ts";

/**
 * The dispatcher enforces each command's declared permission once, before the command runs, on
 * the plan of the row the command names; commands hold no checks of their own. A store with two
 * plans: "carol" is an admin of plan 1 only; every channel here is bound to plan 2.
 */
const plan = (id: number): PlanSummary => ({ id, slug: `p${id}`, title: `计划${id}` }) as PlanSummary;

function setup(admins: string[] = ["console:root"]) {
  const store = {
    getChannel: async () => ({ planId: 2, locale: null, timezone: null, open: false }),
    getUserLocale: async () => null,
    getUpdate: async () => null,
    getPlan: async (id: number) => (id === 1 || id === 2 ? plan(id) : null),
    isPlanAdmin: async (planId: number, platform: string, userId: string) => platform === "console" && userId === "carol" && planId === 1,
  } as unknown as Store;
  const { log, lines } = captureLog();
  const services: Services = {
    store,
    schedules: {} as Services["schedules"],
    clock: manualClock("2026-11-20T02:00:00Z"),
    log,
    settings: { admins, defaultLocale: "zh-CN", timezone: "Asia/Shanghai", staleDays: 14 },
  };
  const ran: string[] = [];
  // `/touch <plan id>` writes a row of that plan; `/touch` alone, the channel's plan.
  const touch = defineCommand({
    name: "touch",
    aliases: ["碰"],
    summary: "cmd.help.summary",
    usage: "cmd.help.usage",
    args: z.object({ text: z.string() }),
    permission: {
      subcommand: (a) => (a.text === "look" ? "look" : "write"),
      rules: {
        write: { right: "planAdmin", denied: "owner.denied", row: async (ctx, a) => (a.text ? { planId: Number(a.text), planTitle: plan(Number(a.text)).title } : { planId: (await ctx.requirePlan()).id, planTitle: "计划2" }) },
        "*": { right: "anyone" },
      },
    },
    run: async (_ctx, { text }) => {
      ran.push(text);
      return reply([{ type: "text", text: `done ${text}` }]);
    },
  });
  const dispatcher = createDispatcher({ commands: [...commands, touch], services });
  const say = async (userId: string, text: string) => {
    const replies = await dispatcher.handle({ platform: "console", channelId: "c", userId, userName: userId, text, messageId: `${Math.random()}` });
    return { text: replies.map((r) => formatReplyText(r, translator("zh-CN"))).join("\n"), private: replies.every((r) => r.private === true) };
  };
  return { say, ran, lines };
}

describe("permissions declared on the command, enforced by the dispatcher", () => {
  it("checks rights on the plan of the row the command names, not the channel's plan, before the command runs", async () => {
    const { say, ran, lines } = setup();
    // carol administers plan 1: a write to plan 1's row goes through from a channel bound to plan 2.
    expect((await say("carol", "/touch 1")).text).toBe("done 1");
    // …but not a write to the channel's own plan 2, nor an explicit plan-2 row: refused privately, never run.
    const refused = await say("carol", "/touch 2");
    expect(refused.private).toBe(true);
    expect(refused.text).toContain("计划“计划2”的管理员");
    expect((await say("carol", "/touch")).text).toContain("计划“计划2”的管理员");
    expect(ran).toEqual(["1"]);
    expect(lines.some((l) => l.msg === "permission refused")).toBe(true);
    // A subcommand declared for everyone runs for anyone.
    expect((await say("dave", "/touch look")).text).toBe("done look");
    // The bot's admins hold every right.
    expect((await say("root", "/touch 2")).text).toBe("done 2");
  });

  it("a row that does not exist is left to the command to report (nothing to check rights on)", async () => {
    const { say } = setup();
    const out = await say("dave", "/undo 999999");
    expect(out.text).toContain("没有可以撤销的进度报告");
  });

  it("/help <command> says who can use it, per subcommand", async () => {
    const { say } = setup();
    const plan = (await say("dave", "/help plan")).text;
    expect(plan).toContain("谁能用");
    expect(plan).toContain("/plan use：目标计划或本频道当前计划的管理员");
    expect(plan).toContain("/plan open / close：计划管理员");
    expect(plan).toContain("/plan：所有人");
    expect((await say("dave", "/help import")).text).toContain("机器人管理员（DUBAN_ADMINS）");
    expect((await say("dave", "/help task")).text).toMatch(/谁能用[^\n]*所有人/);
  });

  it("every shipped command declares its permission, and each write command something stricter than everyone", () => {
    const strict = (name: string) => {
      const p = commands.find((c) => c.name === name)!.permission;
      return "right" in p ? [p.right] : Object.entries(p.rules).filter(([w]) => w !== "*").map(([, r]) => r.right);
    };
    for (const c of commands) expect(c.permission, c.name).toBeDefined();
    for (const name of ["update", "undo", "owner", "admin", "plan", "digest", "remind", "unit", "import", "lang"]) {
      expect(strict(name).some((r) => r !== "anyone"), name).toBe(true);
    }
  });
});
