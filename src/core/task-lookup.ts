import type { CommandContext } from "./command.ts";
import { NotFoundError, UsageError } from "./errors.ts";
import { describeNumbers } from "./format.ts";
import type { PlanSummary, TaskDetail } from "./model.ts";
import { localDate } from "./tz.ts";

/** The friendly "plan X has tasks 1–26" error for an unknown task number. */
export async function taskNotFound(ctx: CommandContext, plan: PlanSummary, number: string): Promise<NotFoundError> {
  const numbers = await ctx.services.store.listTaskNumbers(plan.id);
  return new NotFoundError("task.notFound", { plan: plan.title, number, range: describeNumbers(numbers) });
}

/** A task a revised plan removed: read-only, its history kept; nothing is recorded on it. */
export function removedTask(ctx: CommandContext, task: Pick<TaskDetail, "number"> & { removedAt: Date }): UsageError {
  const date = localDate(task.removedAt, ctx.channel.timezone ?? ctx.services.settings.timezone);
  return new UsageError("task.removedNoUpdate", { number: task.number, date });
}
