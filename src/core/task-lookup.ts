import type { CommandContext } from "./command.ts";
import { NotFoundError } from "./errors.ts";
import { describeNumbers } from "./format.ts";
import type { PlanSummary } from "./model.ts";

/** The friendly "plan X has tasks 1–26" error for an unknown task number. */
export async function taskNotFound(ctx: CommandContext, plan: PlanSummary, number: string): Promise<NotFoundError> {
  const numbers = await ctx.services.store.listTaskNumbers(plan.id);
  return new NotFoundError("task.notFound", { plan: plan.title, number, range: describeNumbers(numbers) });
}
