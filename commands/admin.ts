import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UsageError } from "../src/core/errors.ts";
import { mention, reply } from "../src/core/reply.ts";

const ADD_WORDS = ["add", "grant", "添加", "增加", "授予", "指定"];

/** `/admin add @member…`: env admins (DUBAN_ADMINS) make plan admins for the channel's plan. */
export default defineCommand({
  name: "admin",
  aliases: ["管理员", "管理員"],
  summary: "cmd.admin.summary",
  usage: "cmd.admin.usage",
  example: "/admin add @李四",
  args: z.object({ action: z.enum(["status", "add"]), text: z.string() }),
  input(rest) {
    const [first = "", ...more] = rest.trim().split(/\s+/);
    if (!first) return { action: "status", text: "" };
    if (ADD_WORDS.includes(first.toLowerCase())) return { action: "add", text: more.join(" ") };
    return { action: "unknown", text: rest };
  },
  permission: { subcommand: (a) => a.action, rules: { add: { right: "envAdmin", denied: "admin.denied" }, "*": { right: "anyone" } } },
  async run(ctx, { action, text }) {
    const plan = await ctx.requirePlan();
    const { store } = ctx.services;
    const { platform, userId } = ctx.message;
    if (action === "status") {
      const local = ctx.services.settings.localAdmins?.includes(`${platform}:${userId}`);
      const key = local ? "admin.status.local" : ctx.isAdmin ? "admin.status.env" : (await store.isPlanAdmin(plan.id, platform, userId)) ? "admin.status.plan" : "admin.status.none";
      return reply([{ type: "text", text: ctx.t(key, { plan: plan.title }) }], { private: true });
    }
    const parsed = ctx.mentions(text);
    if (parsed.unresolved.length) throw new UsageError("people.unresolved", { names: parsed.unresolved.join(" ") });
    if (!parsed.mentions.length) throw new UsageError("admin.needMentions", { usage: ctx.t("cmd.admin.usage") });
    for (const m of parsed.mentions) await store.addPlanAdmin(plan.id, platform, m.userId);
    ctx.services.log.info({ plan: plan.id, admins: parsed.mentions.map((m) => `${platform}:${m.userId}`), by: userId }, "plan admins added");
    const members = parsed.mentions.map((m) => mention(platform, m.userId, m.displayName ?? m.userId)).join(ctx.t("people.sep"));
    return reply([{ type: "text", text: ctx.t("admin.added", { members, plan: plan.title }) }]);
  },
});
