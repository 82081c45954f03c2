import type { CommandContext } from "./command.ts";
import { UsageError } from "./errors.ts";
import type { PlanSummary } from "./model.ts";

/**
 * A button that writes names the plan its card was about: `/update plan:12 7 done`. A click
 * after the channel has moved to another plan records nothing on the new plan's task of the
 * same number; it says which plan the card was about.
 */
const SCOPE = /^plan:(\d+)(?:\s+|$)/i;

/** The scope token a writing button puts right after its command word. */
export function planScope(planId: number): string {
  return `plan:${planId}`;
}

/** Splits a leading `plan:<id>` off a command's arguments. */
export function takePlanScope(rest: string): { planId?: number; rest: string } {
  const m = SCOPE.exec(rest.trim());
  return m ? { planId: Number(m[1]), rest: rest.trim().slice(m[0].length) } : { rest };
}

/**
 * The channel's plan, when the command may write to it: a button's plan scope must be that
 * plan. A button click that names no plan (a card posted before buttons carried one) could be
 * about a plan the channel has left and cannot be told apart, so it records nothing either and
 * asks for the command to be typed.
 */
export async function scopedPlan(ctx: CommandContext, planId: number | undefined): Promise<PlanSummary> {
  const plan = await ctx.requirePlan();
  if (planId === undefined) {
    if (ctx.message.button) throw new UsageError("button.noPlan", { plan: plan.title, command: ctx.message.text.trim() });
    return plan;
  }
  if (planId === plan.id) return plan;
  const card = await ctx.services.store.getPlan(planId);
  throw new UsageError("button.planChanged", { card: card?.title ?? "?", slug: card?.slug ?? String(planId), plan: plan.title });
}
