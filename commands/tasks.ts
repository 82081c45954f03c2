import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { NotFoundError } from "../src/core/errors.ts";
import type { TaskRow, TaskStatus, UnitRef } from "../src/core/model.ts";
import { moreButton, paginate, takePage } from "../src/core/paging.ts";
import { isOverdue, isStale } from "../src/core/progress-view.ts";
import { taskLine } from "../src/core/task-line.ts";
import { reply, type Block, type Reply } from "../src/core/reply.ts";
import { toSimplified } from "../src/core/text/script.ts";

const STATUS_WORDS: Record<string, TaskStatus> = {
  未开始: "not_started", "not started": "not_started", not_started: "not_started", todo: "not_started",
  进行中: "in_progress", "in progress": "in_progress", in_progress: "in_progress", doing: "in_progress",
  受阻: "blocked", blocked: "blocked", 阻塞: "blocked",
  完成: "done", 已完成: "done", done: "done",
};
const KEYWORDS: Record<string, "mine" | "overdue" | "stale" | "required"> = {
  mine: "mine", 我的: "mine", my: "mine",
  overdue: "overdue", 逾期: "overdue", 超期: "overdue",
  stale: "stale", 停滞: "stale", 未更新: "stale",
  required: "required", 必做: "required", must: "required",
};

type Filter = { kind: "all" } | { kind: "status"; status: TaskStatus } | { kind: "keyword"; keyword: (typeof KEYWORDS)[string] } | { kind: "unit"; query: string };

/** A last word asking for every plan: `/tasks overdue all`, `/tasks 受阻 全部计划`. */
const ALL_PLANS = new Set(["all", "every", "全部", "所有", "全部计划", "所有计划", "跨计划", "全部計畫", "所有計畫", "跨計畫"]);

function acrossPlans(text: string): { across: boolean; rest: string } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const last = words.at(-1);
  if (last && ALL_PLANS.has(toSimplified(last).toLowerCase())) return { across: true, rest: words.slice(0, -1).join(" ") };
  return { across: false, rest: text };
}

function parseFilter(text: string): Filter {
  const q = toSimplified(text).trim().toLowerCase();
  if (!q) return { kind: "all" };
  if (q in STATUS_WORDS) return { kind: "status", status: STATUS_WORDS[q]! };
  if (q in KEYWORDS) return { kind: "keyword", keyword: KEYWORDS[q]! };
  return { kind: "unit", query: text.trim() };
}

/** Compact, paged list (≤ 10 rows) of the channel plan's tasks, optionally filtered. */
export default defineCommand({
  name: "tasks",
  aliases: ["任务列表", "任務列表", "列表", "ls"],
  permission: { right: "anyone" },
  summary: "cmd.tasks.summary",
  usage: "cmd.tasks.usage",
  example: "/tasks 受阻",
  args: z.object({ filter: z.string(), page: z.number().int() }),
  input(raw) {
    const { page, rest } = takePage(raw);
    return { filter: rest, page };
  },
  slash: { options: [{ name: "filter", description: "opt.filter", type: "string", required: false, autocomplete: "unit" }] },
  async run(ctx, { filter, page }) {
    const { across, rest } = acrossPlans(filter);
    if (across) return allPlans(ctx, rest, filter, page);
    const plan = await ctx.requirePlan();
    const rows = await ctx.services.store.listTaskRows(plan.id);
    const { matched, label } = await applyFilter(ctx, plan.id, rows, parseFilter(filter));
    const p = paginate(matched, page);
    const header = ctx.t("tasks.title", { plan: plan.title, filter: label, count: matched.length, page: p.page, pages: p.pages });
    if (!matched.length) return reply([{ type: "header", text: header }, { type: "text", text: ctx.t("tasks.empty") }]);
    const more = moreButton(ctx.t("button.more"), `/tasks ${filter}`, p);
    return reply([
      { type: "header", text: header },
      { type: "list", items: p.items.map((r) => taskLine(ctx, r)) },
      ...(more.length ? [{ type: "actions" as const, buttons: more }] : []),
    ]);
  },
});

/** `/tasks <filter> all`: the filter applied to every plan, each plan's rows under its title. */
async function allPlans(ctx: CommandContext, text: string, command: string, page: number): Promise<Reply> {
  const f = parseFilter(text);
  const found: { title: string; rows: TaskRow[] }[] = [];
  let label = "";
  let firstError: NotFoundError | null = null;
  for (const plan of await ctx.services.store.listPlans()) {
    try {
      const r = await applyFilter(ctx, plan.id, await ctx.services.store.listTaskRows(plan.id), f);
      label = r.label;
      if (r.matched.length) found.push({ title: plan.title, rows: r.matched });
    } catch (err) {
      // A unit, or the asker's units, known in some plans only: the others just have no match.
      if (!(err instanceof NotFoundError)) throw err;
      firstError ??= err;
    }
  }
  if (!label && firstError) throw firstError;
  const all = found.flatMap((g) => g.rows.map((row) => ({ g, row })));
  const p = paginate(all, page);
  const header = ctx.t("tasks.titleAll", { filter: label, count: all.length, plans: found.length, page: p.page, pages: p.pages });
  if (!all.length) return reply([{ type: "header", text: header }, { type: "text", text: ctx.t("tasks.empty") }]);
  const blocks: Block[] = [{ type: "header", text: header }];
  for (const g of found) {
    const items = p.items.filter((x) => x.g === g).map(({ row }) => taskLine(ctx, row));
    if (items.length) blocks.push({ type: "context", text: ctx.t("tasks.plan", { plan: g.title }) }, { type: "list", items });
  }
  const more = moreButton(ctx.t("button.more"), `/tasks ${command.trim()}`, p);
  if (more.length) blocks.push({ type: "actions", buttons: more });
  return reply(blocks);
}

/** The units' ids and those of the groups standing for them (`怀远县政府` → `各县、区人民政府`). */
async function withGroups(ctx: CommandContext, planId: number, units: readonly UnitRef[]): Promise<Set<number>> {
  const ids = units.map((u) => u.id);
  const groups = await ctx.services.store.groupsOf(planId, ids);
  return new Set([...ids, ...groups.map((g) => g.id)]);
}

async function applyFilter(ctx: CommandContext, planId: number, rows: TaskRow[], f: Filter): Promise<{ matched: TaskRow[]; label: string }> {
  const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
  switch (f.kind) {
    case "all":
      return { matched: rows, label: ctx.t("tasks.filter.all") };
    case "status":
      return { matched: rows.filter((r) => r.progress.status === f.status), label: `${ctx.t(`status.${f.status}`)} ` };
    case "keyword": {
      if (f.keyword === "overdue") return { matched: rows.filter((r) => r.deadlines.some((d) => isOverdue(d, r.progress, ctx.now, tz))), label: ctx.t("tasks.filter.overdue") };
      if (f.keyword === "stale") return { matched: rows.filter((r) => isStale(r.progress, ctx.now, ctx.services.settings.staleDays)), label: ctx.t("tasks.filter.stale") };
      if (f.keyword === "required") return { matched: rows.filter((r) => r.required === true), label: ctx.t("tasks.filter.required") };
      const units = await ctx.services.store.memberUnits(planId, ctx.message.platform, ctx.message.userId);
      if (!units.length) throw new NotFoundError("tasks.noMine");
      const ids = await withGroups(ctx, planId, units);
      return { matched: rows.filter((r) => r.units.some((u) => ids.has(u.unitId))), label: ctx.t("tasks.filter.mine") };
    }
    case "unit": {
      const units = await ctx.services.store.findUnits(planId, f.query);
      if (!units.length) throw new NotFoundError("tasks.unknownFilter", { query: f.query });
      const ids = await withGroups(ctx, planId, units);
      const label = units.length === 1 ? `${units[0]!.name} ` : `${f.query} `;
      return { matched: rows.filter((r) => r.units.some((u) => ids.has(u.unitId))), label };
    }
  }
}
