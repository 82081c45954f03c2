import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { NotFoundError, UsageError } from "../src/core/errors.ts";
import { describeNumbers } from "../src/core/format.ts";
import { UNIT_ROLES, type MemberRef, type PlanSummary, type UnitRef } from "../src/core/model.ts";
import { mention, reply, type Block } from "../src/core/reply.ts";

const MAX_LISTED = 12;

/** The one unit of the plan a query names; none or several become a friendly error. */
export async function resolveUnit(ctx: CommandContext, plan: PlanSummary, query: string): Promise<UnitRef> {
  const units = await ctx.services.store.findUnits(plan.id, query);
  if (!units.length) throw new NotFoundError("people.unitNotFound", { query });
  if (units.length > 1) {
    const names = units.slice(0, MAX_LISTED).map((u) => u.name);
    if (units.length > MAX_LISTED) names.push("…");
    throw new UsageError("people.unitAmbiguous", { query, matches: names.join(ctx.t("people.sep")) });
  }
  return units[0]!;
}

/** Members as mention tokens, joined for the reply's language. */
export function memberList(ctx: CommandContext, members: readonly MemberRef[]): string {
  return members.map((m) => mention(m.platform, m.platformUserId, m.displayName || m.platformUserId)).join(ctx.t("people.sep"));
}

export default defineCommand({
  name: "whois",
  aliases: ["谁负责", "誰負責", "who"],
  permission: { right: "anyone" },
  summary: "cmd.whois.summary",
  usage: "cmd.whois.usage",
  example: "/whois 市市场监管局",
  args: z.object({ text: z.string() }),
  slash: { options: [{ name: "unit", description: "opt.unitOrMember", type: "string", required: true, autocomplete: "unit" }] },
  async run(ctx, { text }) {
    const plan = await ctx.requirePlan();
    const { store } = ctx.services;
    const { platform } = ctx.message;
    const parsed = ctx.mentions(text);
    if (parsed.unresolved.length) throw new UsageError("people.unresolved", { names: parsed.unresolved.join(" ") });

    if (parsed.mentions.length && !parsed.rest) {
      const lines = await Promise.all(
        parsed.mentions.map(async (m) => {
          const who = mention(platform, m.userId, m.displayName ?? m.userId);
          const units = await store.memberUnits(plan.id, platform, m.userId);
          return units.length
            ? ctx.t("whois.memberUnits", { member: who, units: units.map((u) => u.name).join(ctx.t("people.sep")) })
            : ctx.t("whois.memberNoUnits", { member: who, plan: plan.title });
        }),
      );
      return reply([{ type: "list", items: lines }]);
    }

    const query = parsed.rest;
    if (!query) throw new UsageError("whois.needQuery", { usage: ctx.t("cmd.whois.usage") });
    const unit = await resolveUnit(ctx, plan, query);
    const [members, rows] = await Promise.all([store.unitMembers(unit.id), store.listTaskRows(plan.id)]);

    const roleLines = UNIT_ROLES.flatMap((role) => {
      const numbers = rows.filter((r) => r.units.some((u) => u.unitId === unit.id && u.role === role)).map((r) => r.number);
      if (!numbers.length) return [];
      return [ctx.t("whois.roleTasks", { role: ctx.t(`role.${role}`), count: numbers.length, numbers: describeNumbers(numbers) })];
    });
    const blocks: Block[] = [
      { type: "header", text: unit.name },
      {
        type: "fields",
        fields: [
          { label: ctx.t("whois.members"), value: members.length ? memberList(ctx, members) : ctx.t("whois.noMembers", { unit: unit.name }) },
          ...(unit.aliases.length ? [{ label: ctx.t("whois.aliases"), value: unit.aliases.join(ctx.t("people.sep")) }] : []),
        ],
      },
      roleLines.length ? { type: "list", items: roleLines } : { type: "context", text: ctx.t("whois.noTasks") },
    ];
    return reply(blocks);
  },
});
