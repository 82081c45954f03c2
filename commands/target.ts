import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { describeNumbers } from "../src/core/format.ts";
import type { PlanSummary, TargetView } from "../src/core/model.ts";
import { moreButton, paginate } from "../src/core/paging.ts";
import { action, reply, type Button, type Reply } from "../src/core/reply.ts";
import { matchTargets, parseTargetQuery } from "../src/core/targets/match.ts";
import { translator } from "../src/core/i18n/index.ts";
import { targetCard, targetLine, type TargetDisplay } from "../src/core/targets/view.ts";

/** Rows per page of `/target`. */
export const TARGET_PAGE_SIZE = 10;
const MAX_CHOICE_BUTTONS = 5;

const positive = z.number().int().positive();

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

function displayFor(ctx: CommandContext): TargetDisplay {
  return { now: ctx.now, timezone: ctx.channel.timezone ?? ctx.services.settings.timezone, locale: ctx.locale };
}

function listPage(ctx: CommandContext, plan: PlanSummary, targets: TargetView[], page: number): Reply {
  const tr = translator(ctx.locale);
  const p = paginate(targets, page, TARGET_PAGE_SIZE);
  // A page past the end is named as such (a position, `/target 12`, means a target instead).
  if (page > p.pages) return reply([{ type: "text", text: tr("target.badPage", { page, pages: p.pages }) }], { private: true });
  const display = displayFor(ctx);
  const first = (p.page - 1) * TARGET_PAGE_SIZE;
  const items = p.items.map((t, i) => targetLine(t, first + i + 1, display));
  const footer = [p.pages > 1 ? tr("target.list.page", { page: p.page, pages: p.pages }) : null, tr("target.list.hint")].filter(Boolean).join(" · ");
  const more = moreButton(tr("target.list.more"), "/target", p);
  return reply([
    { type: "header", text: tr("target.list.header", { plan: plan.title, count: targets.length }) },
    { type: "list", items },
    { type: "context", text: footer },
    ...(more.length ? [{ type: "actions" as const, buttons: more }] : []),
  ]);
}

/** The plan's target names, for answers that did not find one. */
function names(targets: TargetView[]): string[] {
  const shown = targets.slice(0, TARGET_PAGE_SIZE).map((t, i) => `${i + 1}. ${t.name}`);
  return targets.length > TARGET_PAGE_SIZE ? [...shown, "…"] : shown;
}

function notFound(targets: TargetView[], text: string): Reply {
  return reply(
    [
      { type: "text", text },
      { type: "list", items: names(targets) },
    ],
    { private: true },
  );
}

function choose(ctx: CommandContext, query: string, matches: { position: number; target: TargetView }[]): Reply {
  const tr = translator(ctx.locale);
  const buttons: Button[] = matches.slice(0, MAX_CHOICE_BUTTONS).map(({ position, target }) => ({
    ...action("target-pick", target.id),
    label: clip(`${position} ${target.name}`, 30),
    command: `/target ${position}`,
  }));
  return reply(
    [
      { type: "text", text: tr("target.ambiguous", { query, count: matches.length }) },
      { type: "list", items: matches.map(({ position, target }) => tr("target.choice", { position, name: target.name })) },
      { type: "actions", buttons },
    ],
    { private: true },
  );
}

export default defineCommand({
  name: "target",
  aliases: ["指标", "指標", "目标", "目標"],
  permission: { right: "anyone" },
  summary: "cmd.target.summary",
  usage: "cmd.target.usage",
  example: "/target 质押",
  args: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("list"), page: positive }),
    z.object({ kind: z.literal("position"), position: positive }),
    z.object({ kind: z.literal("name"), query: z.string().min(1) }),
  ]),
  input: parseTargetQuery,
  slash: { options: [{ name: "target", description: "opt.target", type: "string", required: false, autocomplete: "target" }] },
  async run(ctx, query) {
    const plan = await ctx.requirePlan();
    const targets = await ctx.services.store.listTargets(plan.id);
    const tr = translator(ctx.locale);
    if (!targets.length) return reply([{ type: "text", text: tr("target.none", { plan: plan.title }) }]);
    if (query.kind === "list") return listPage(ctx, plan, targets, query.page);
    const range = describeNumbers(targets.map((_, i) => String(i + 1)));
    if (query.kind === "position") {
      const target = targets[query.position - 1];
      if (!target) return notFound(targets, tr("target.outOfRange", { plan: plan.title, position: query.position, range }));
      return reply(targetCard(target, query.position, displayFor(ctx), plan.id));
    }
    const matches = matchTargets(targets, query.query);
    if (matches.length === 1) return reply(targetCard(matches[0]!.target, matches[0]!.position, displayFor(ctx), plan.id));
    if (matches.length > 1) return choose(ctx, query.query, matches);
    return notFound(targets, tr("target.notFound", { plan: plan.title, query: query.query, range }));
  },
});
