import type { CommandContext, CommandDefinition, Permission, PermissionRule, Right, RowRef } from "./command.ts";
import { PermissionError } from "./errors.ts";
import type { MessageKey } from "./i18n/index.ts";
import type { PlanSummary, TaskDetail } from "./model.ts";

/**
 * # Permissions
 *
 * Every command declares who may run it (each subcommand on its own) in its definition
 * (`CommandDefinition.permission`); the dispatcher enforces that once, before the command runs,
 * against the plan of each row the command touches (the update being undone, the plan being bound,
 * the schedule being turned off or replaced; by default the channel's plan). Commands never check rights
 * themselves. Free-text updates, which are no command, go through {@link assertCanReport} on the
 * same rule as `/update`.
 */

/** The words /help shows for each right, and the refusal used when a rule names none. */
export const RIGHT_TEXT: Record<Right, MessageKey> = {
  anyone: "right.anyone",
  envAdmin: "right.envAdmin",
  planAdmin: "right.planAdmin",
  channelAdmin: "right.channelAdmin",
  bindChannel: "right.bindChannel",
  authorOrPlanAdmin: "right.authorOrPlanAdmin",
  report: "right.report",
};

const isPlanAdminId = (ctx: CommandContext, planId: number) =>
  ctx.isAdmin ? Promise.resolve(true) : ctx.services.store.isPlanAdmin(planId, ctx.message.platform, ctx.message.userId);

/** No admins configured: a trial install where anyone may set channels up. */
const trial = (ctx: CommandContext) => ctx.services.settings.admins.length === 0;

/** The member of units of the task (or, for a plan-level target, of any unit of the plan). */
async function reports(ctx: CommandContext, row: RowRef): Promise<boolean> {
  // Opening is per (channel, plan): it counts for rows of the plan the channel is open for.
  if (ctx.channel.open && ctx.channel.planId === row.planId) return true;
  const { platform, userId } = ctx.message;
  if (row.task) {
    if (row.task.units.some((u) => u.members.some((m) => m.platform === platform && m.platformUserId === userId))) return true;
  } else if (row.task === null) {
    if ((await ctx.services.store.memberUnits(row.planId, platform, userId)).length) return true;
  }
  return isPlanAdminId(ctx, row.planId);
}

/** Whether the asker holds `right` over `row` (the row's plan is the one whose rights count). */
export async function holds(ctx: CommandContext, right: Right, row: RowRef | null): Promise<boolean> {
  switch (right) {
    case "anyone":
      return true;
    case "envAdmin":
      return ctx.isAdmin;
    case "planAdmin":
      return row !== null && isPlanAdminId(ctx, row.planId);
    case "channelAdmin":
      // The channel's own settings: its plan's admins, anyone in their own DM with the bot, anyone in a trial.
      if (ctx.isAdmin || ctx.message.isDirect || trial(ctx)) return true;
      return ctx.channel.planId !== null && isPlanAdminId(ctx, ctx.channel.planId);
    case "bindChannel":
      // Binding to the row's plan: rights on that plan, or the channel's admin (admin of the plan it is bound to now).
      // Binding never carries an open channel over, so it grants no rights to update.
      if (ctx.isAdmin || ctx.message.isDirect || trial(ctx)) return true;
      if (row !== null && (await isPlanAdminId(ctx, row.planId))) return true;
      return ctx.channel.planId !== null && ctx.channel.planId !== row?.planId && isPlanAdminId(ctx, ctx.channel.planId);
    case "authorOrPlanAdmin": {
      const { platform, userId } = ctx.message;
      if (row?.author && row.author.platform === platform && row.author.userId === userId) return true;
      return row !== null && isPlanAdminId(ctx, row.planId);
    }
    case "report":
      return row !== null && reports(ctx, row);
  }
}

/** The rule for these arguments: the command's one rule, or its subcommand's. */
export function ruleFor<A>(permission: Permission<A>, args: A): PermissionRule<A> {
  if ("right" in permission) return permission;
  return permission.rules[permission.subcommand(args)] ?? permission.rules["*"]!;
}

/** The channel's plan as a row (the default: a command that touches the channel's plan). */
async function channelRow(ctx: CommandContext): Promise<RowRef> {
  const plan = await ctx.requirePlan();
  return { planId: plan.id, planTitle: plan.title };
}

/** The rows a rule needs before it can be checked: none for rights that ignore plans. */
const NEEDS_ROW: Record<Right, boolean> = {
  anyone: false,
  envAdmin: false,
  channelAdmin: false,
  planAdmin: true,
  bindChannel: true,
  authorOrPlanAdmin: true,
  report: true,
};

/**
 * Enforces a command's declared permission for these arguments, or throws the rule's refusal.
 * A row resolver answering null means there is no such row: the command then says so itself.
 */
export async function authorize<A>(ctx: CommandContext, command: CommandDefinition<A>, args: A): Promise<void> {
  const rule = ruleFor(command.permission, args);
  if (rule.right === "anyone") return;
  const found = NEEDS_ROW[rule.right] ? (rule.row ? await rule.row(ctx, args) : await channelRow(ctx)) : null;
  if (NEEDS_ROW[rule.right] && found === null) return;
  // Every row the command touches: the refusal names the first plan the asker holds no right on.
  const rows: readonly (RowRef | null)[] = found === null ? [null] : "planId" in found ? [found] : found;
  for (const row of rows) {
    if (await holds(ctx, rule.right, row)) continue;
    ctx.services.log.info({ command: command.name, right: rule.right, plan: row?.planId ?? ctx.channel.planId }, "permission refused");
    throw refusal(ctx, rule, args, row);
  }
}

/**
 * Files sent to a command that takes them: its one rule, or the rule of its plain form (`*`),
 * with no arguments to name a row by (a rule needing one checks the channel's plan).
 */
export async function authorizeFiles(ctx: CommandContext, command: CommandDefinition): Promise<void> {
  const p = command.permission;
  const rule: PermissionRule = "right" in p ? p : p.rules["*"];
  await authorize(ctx, { ...command, permission: { right: rule.right, ...(rule.denied ? { denied: rule.denied } : {}) } }, undefined);
}

function refusal<A>(ctx: CommandContext, rule: PermissionRule<A>, args: A, row: RowRef | null): PermissionError {
  if (rule.right === "report" && row?.task) return cannotReportTask(row.task);
  if (rule.right === "report") return new PermissionError("error.cannotUpdateTarget");
  const params = { plan: row?.planTitle ?? "", ...row?.params, ...rule.params?.(args, ctx) };
  return new PermissionError(rule.denied ?? "error.notAdmin", params);
}

function cannotReportTask(task: TaskDetail): PermissionError {
  const units = [...new Set(task.units.map((u) => u.unit.name))].join("、") || "—";
  return new PermissionError("error.cannotUpdateTask", { number: task.number, units });
}

/** A task of `plan` as the row of a progress report. */
export const taskRow = (plan: PlanSummary, task: TaskDetail): RowRef => ({ planId: plan.id, planTitle: plan.title, task });

/**
 * The `report` right for free text and batches (the same rule `/update` declares): members of the
 * task's units, the plan's admins, anyone in a channel open for the plan; `task` null is a target
 * linked to no task (any member of the plan's units). A refusal names the units.
 */
export async function assertCanReport(ctx: CommandContext, plan: PlanSummary, task: TaskDetail | null): Promise<void> {
  const row: RowRef = { planId: plan.id, planTitle: plan.title, task };
  if (await holds(ctx, "report", row)) return;
  throw task ? cannotReportTask(task) : new PermissionError("error.cannotUpdateTarget");
}

/** Env admins or an admin of the plan (for what a reply shows, never to allow a write). */
export function isPlanAdmin(ctx: CommandContext, plan: Pick<PlanSummary, "id">): Promise<boolean> {
  return isPlanAdminId(ctx, plan.id);
}
