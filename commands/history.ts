import { z } from "zod";
import { taskNumberArg } from "../src/core/args.ts";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { splitArgs } from "../src/core/input.ts";
import type { UpdateView } from "../src/core/model.ts";
import { moreButton, paginate, takePage } from "../src/core/paging.ts";
import { statusLabel } from "../src/core/progress-view.ts";
import { mention, reply } from "../src/core/reply.ts";
import { formatTargetValue, resolveTarget } from "../src/core/target-lookup.ts";
import { taskNotFound } from "../src/core/task-lookup.ts";
import { formatDateTime } from "../src/core/time.ts";

const TARGET_WORDS = ["target", "指标", "指標", "目标", "目標"];
const HISTORY_LIMIT = 200;

/** The append-only trail, newest first: every report and every undo. */
export default defineCommand({
  name: "history",
  aliases: ["历史", "歷史", "记录", "記錄"],
  permission: { right: "anyone" },
  summary: "cmd.history.summary",
  usage: "cmd.history.usage",
  example: "/history 7",
  args: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("task"), number: taskNumberArg, page: z.number().int() }),
    z.object({ kind: z.literal("target"), ref: z.string().min(1, "arg.targetRef"), page: z.number().int() }),
  ]),
  input(raw) {
    const { page, rest } = takePage(raw);
    const [first = "", ...more] = splitArgs(rest);
    if (TARGET_WORDS.includes(first.toLowerCase())) return { kind: "target", ref: more.join(" "), page };
    return { kind: "task", number: rest, page };
  },
  slash: { options: [{ name: "number", description: "opt.taskNumber", type: "string", required: true, autocomplete: "task" }] },
  async run(ctx, args) {
    const plan = await ctx.requirePlan();
    const { store } = ctx.services;
    if (args.kind === "target") {
      const target = await resolveTarget(ctx, plan, args.ref);
      const rows = await store.listHistory({ targetId: target.id }, HISTORY_LIMIT);
      const fmt = (u: UpdateView) => (u.value !== null ? formatTargetValue(u.value, target.unit, ctx.locale) : "");
      return render(ctx, ctx.t("history.titleTarget", { name: target.name }), rows, fmt, `/history target ${args.ref}`, args.page);
    }
    const task = await store.getTask(plan.id, args.number);
    if (!task) throw await taskNotFound(ctx, plan, args.number);
    const rows = await store.listHistory({ taskId: task.id }, HISTORY_LIMIT);
    const fmt = (u: UpdateView) => (u.status ? statusLabel(ctx.t, { status: u.status, percent: u.percent }) : "");
    return render(ctx, ctx.t("history.title", { number: task.number }), rows, fmt, `/history ${task.number}`, args.page);
  },
});

function render(ctx: CommandContext, title: string, rows: UpdateView[], what: (u: UpdateView) => string, command: string, page: number) {
  if (!rows.length) return reply([{ type: "header", text: title }, { type: "text", text: ctx.t("history.empty") }]);
  const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
  const p = paginate(rows, page);
  const items = p.items.map((u) => {
    const who = u.member ? mention(u.member.platform, u.member.platformUserId, u.member.displayName) : "—";
    const when = formatDateTime(u.createdAt, tz, ctx.locale, ctx.now);
    if (u.kind === "retraction") {
      const key = u.sourceRevision === "delete" ? "history.retractionDeleted" : u.sourceRevision?.startsWith("edit:") ? "history.retractionEdited" : "history.retraction";
      return `#${u.id} ${when} ${who} ${ctx.t(key, { id: u.retractsId ?? "?" })}`;
    }
    const body = [what(u), u.note].filter(Boolean).join(" · ");
    return `#${u.id} ${when} ${who} ${body}${u.retracted ? ctx.t("history.undone") : ""}`;
  });
  const more = moreButton(ctx.t("button.more"), command, p);
  return reply([
    { type: "header", text: p.pages > 1 ? `${title} (${p.page}/${p.pages})` : title },
    { type: "list", items },
    ...(more.length ? [{ type: "actions" as const, buttons: more }] : []),
  ]);
}
