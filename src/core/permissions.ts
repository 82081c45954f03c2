import type { CommandContext } from "./command.ts";
import { PermissionError } from "./errors.ts";
import type { PlanSummary, TaskDetail } from "./model.ts";

/** Env admins (DUBAN_ADMINS, the console operator) or an admin of this plan. */
export async function isPlanAdmin(ctx: CommandContext, plan: PlanSummary): Promise<boolean> {
  if (ctx.isAdmin) return true;
  const { platform, userId } = ctx.message;
  return ctx.services.store.isPlanAdmin(plan.id, platform, userId);
}

/**
 * Binding a channel to a plan: env admins, admins of that plan, the channel's admin (an admin of the
 * plan it is bound to now), anyone in their own direct conversation with the bot, and anyone at all
 * in a trial install without configured admins. Binding never carries an open channel over
 * (opening is per channel and plan), so it grants no rights to update.
 */
export async function canBindChannel(ctx: CommandContext, plan: PlanSummary): Promise<boolean> {
  if (ctx.isAdmin || ctx.message.isDirect || ctx.services.settings.admins.length === 0) return true;
  const { platform, userId } = ctx.message;
  const { store } = ctx.services;
  if (await store.isPlanAdmin(plan.id, platform, userId)) return true;
  return ctx.channel.planId !== null && ctx.channel.planId !== plan.id && store.isPlanAdmin(ctx.channel.planId, platform, userId);
}

/** Admin rights on the plan a stored row belongs to, wherever the command was typed. */
export async function isAdminOfPlanId(ctx: CommandContext, planId: number): Promise<boolean> {
  if (ctx.isAdmin) return true;
  return ctx.services.store.isPlanAdmin(planId, ctx.message.platform, ctx.message.userId);
}

export async function assertPlanAdmin(ctx: CommandContext, plan: PlanSummary): Promise<void> {
  if (!(await isPlanAdmin(ctx, plan))) throw new PermissionError("error.notAdmin");
}

/**
 * Updating a task is allowed to members of its units, to plan admins, and to anyone in a channel
 * marked open. A denial names the units whose members can.
 */
export async function assertCanUpdateTask(ctx: CommandContext, plan: PlanSummary, task: TaskDetail): Promise<void> {
  if (ctx.channel.open) return;
  const { platform, userId } = ctx.message;
  const mine = task.units.some((u) => u.members.some((m) => m.platform === platform && m.platformUserId === userId));
  if (mine || (await isPlanAdmin(ctx, plan))) return;
  const units = [...new Set(task.units.map((u) => u.unit.name))].join("、") || "—";
  throw new PermissionError("error.cannotUpdateTask", { number: task.number, units });
}

/** Target values: members of the linked task's units, plan admins, or anyone in an open channel. */
export async function assertCanUpdateTarget(ctx: CommandContext, plan: PlanSummary, linkedTask: TaskDetail | null): Promise<void> {
  if (ctx.channel.open) return;
  if (linkedTask) return assertCanUpdateTask(ctx, plan, linkedTask);
  if (await isPlanAdmin(ctx, plan)) return;
  const { platform, userId } = ctx.message;
  if ((await ctx.services.store.memberUnits(plan.id, platform, userId)).length) return;
  throw new PermissionError("error.cannotUpdateTarget");
}
