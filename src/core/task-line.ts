import type { CommandContext } from "./command.ts";
import type { TaskRow } from "./model.ts";
import { isOverdue, statusLabel } from "./progress-view.ts";

/** One phone-width line: `7. 加快知识产权保护中心建设 · 进行中 60% ⚠ · 市市场监管局` (⚠ = overdue). */
export function taskLine(ctx: CommandContext, r: TaskRow): string {
  const lead = r.units.find((u) => u.role === "lead" || u.role === "responsible")?.name;
  const title = r.title.length > 26 ? `${r.title.slice(0, 25)}…` : r.title;
  const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
  const overdue = r.deadlines.some((d) => isOverdue(d, r.progress, ctx.now, tz)) ? " ⚠" : "";
  return `${r.number}. ${title} · ${statusLabel(ctx.t, r.progress)}${overdue}${lead ? ` · ${lead}` : ""}`;
}

