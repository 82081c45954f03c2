import { z } from "zod";
import { defineCommand, type CommandContext, type RowRef } from "../src/core/command.ts";
import type { PlanSummary } from "../src/core/model.ts";
import { NotFoundError, UsageError } from "../src/core/errors.ts";
import { splitArgs } from "../src/core/input.ts";
import { reply } from "../src/core/reply.ts";
import { formatPeriod } from "../src/core/format.ts";

const USE_WORDS = ["use", "选用", "选择", "使用", "切换", "選用", "選擇", "切換"];
const OPEN_WORDS = ["open", "开放", "開放"];
const DELETE_WORDS = ["delete", "remove", "rm", "drop", "删除", "刪除", "移除", "删掉", "刪掉"];
const CLOSE_WORDS = ["close", "关闭", "關閉", "取消开放", "取消開放"];

/** The one plan a query names; none or several become a friendly error. */
async function findOnePlan(ctx: CommandContext, query: string): Promise<PlanSummary> {
  if (!query) throw new UsageError("error.usage", { usage: ctx.t("cmd.plan.usage") });
  const matches = await ctx.services.store.findPlans(query);
  if (!matches.length) throw new NotFoundError("error.planNotFound", { query });
  if (matches.length > 1) throw new UsageError("error.planAmbiguous", { query, matches: matches.map((p) => p.slug).join(", ") });
  return matches[0]!;
}

/** `/plan use <query>`: the plan to be bound is the row whose rights count. */
async function usedPlan(ctx: CommandContext, args: { query: string }): Promise<RowRef> {
  const plan = await findOnePlan(ctx, args.query);
  return { planId: plan.id, planTitle: plan.title };
}

export default defineCommand({
  name: "plan",
  aliases: ["计划", "計畫", "計劃"],
  summary: "cmd.plan.summary",
  usage: "cmd.plan.usage",
  example: "/plan use 蚌埠",
  args: z.object({ action: z.enum(["show", "use", "open", "close", "delete"]), query: z.string() }),
  input(rest) {
    const [first = "", ...more] = splitArgs(rest);
    if (!first) return { action: "show", query: "" };
    if (USE_WORDS.includes(first.toLowerCase())) return { action: "use", query: more.join(" ") };
    if (!more.length && OPEN_WORDS.includes(first.toLowerCase())) return { action: "open", query: "" };
    if (!more.length && CLOSE_WORDS.includes(first.toLowerCase())) return { action: "close", query: "" };
    if (DELETE_WORDS.includes(first.toLowerCase())) return { action: "delete", query: more.join(" ") };
    return { action: "bad", query: rest };
  },
  permission: {
    subcommand: (a) => a.action,
    rules: {
      // Binding needs rights on the plan bound to (the row), or on the channel's current plan.
      use: { right: "bindChannel", denied: "plan.useDenied", row: usedPlan },
      // In an open channel anyone may report progress; only admins switch it.
      open: { right: "planAdmin", denied: "plan.openDenied" },
      close: { right: "planAdmin", denied: "plan.openDenied" },
      "*": { right: "anyone" },
    },
  },
  async run(ctx, { action, query }) {
    const { store } = ctx.services;
    if (action === "show") {
      const plan = ctx.channel.planId === null ? null : await store.getPlan(ctx.channel.planId);
      if (!plan) return reply([{ type: "text", text: `${ctx.t("plans.none")} ${ctx.t("plans.useHint")}` }]);
      return reply([
        { type: "header", text: plan.title },
        {
          type: "fields",
          fields: [
            { label: "slug", value: plan.slug },
            ...(plan.issuer ? [{ label: ctx.t("plan.field.issuer"), value: plan.issuer }] : []),
            ...(plan.issuedOn ? [{ label: ctx.t("plan.field.issuedOn"), value: plan.issuedOn }] : []),
            ...(plan.periodStart ? [{ label: ctx.t("plan.field.period"), value: formatPeriod(plan.periodStart, plan.periodEnd) }] : []),
            { label: ctx.t("plan.field.tasks"), value: String(plan.taskCount) },
          ],
        },
        ...(ctx.channel.open ? [{ type: "context" as const, text: ctx.t("plan.openState") }] : []),
      ]);
    }
    // Plans are never deleted (their progress history is kept): say what to do instead.
    if (action === "delete") return reply([{ type: "text", text: ctx.t("plan.deleteInstead") }], { private: true });
    if (action === "open" || action === "close") {
      const plan = await ctx.requirePlan();
      const { platform, channelId } = ctx.message;
      // Opening is per (channel, plan): refused when the channel was bound elsewhere meanwhile.
      if (!(await store.setChannelOpen(platform, channelId, plan.id, action === "open"))) throw new NotFoundError("error.noPlan");
      return reply([{ type: "text", text: ctx.t(action === "open" ? "plan.opened" : "plan.closed", { plan: plan.title }) }]);
    }
    const plan = await findOnePlan(ctx, query);
    await store.updateChannel(ctx.message.platform, ctx.message.channelId, { planId: plan.id });
    return reply([{ type: "text", text: ctx.t("plan.selected", { title: plan.title, slug: plan.slug, tasks: plan.taskCount }) }]);
  },
});
