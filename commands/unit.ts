import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { UsageError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { groupKinds, splitUnitNames } from "../src/core/unit-groups.ts";
import { resolveUnit } from "./whois.ts";

const GROUP_WORDS = ["group", "groups", "组", "組", "分组", "分組", "单位组", "單位組"];

/**
 * `/unit group 各区政府 = 福田区政府、罗湖区政府…`: which units a group written in the plan
 * stands for, so members of 福田区政府 see the tasks given to 各区政府. Without `=`, shows them.
 */
export default defineCommand({
  name: "unit",
  aliases: ["单位", "單位", "units"],
  summary: "cmd.unit.summary",
  usage: "cmd.unit.usage",
  args: z.object({ group: z.string(), members: z.array(z.string()).nullable() }),
  input(rest) {
    const text = rest.trim();
    const [first = ""] = text.split(/\s+/);
    const body = GROUP_WORDS.includes(first.toLowerCase()) ? text.slice(first.length).trim() : text;
    const eq = body.search(/[=＝]/);
    if (eq < 0) return { group: body, members: null };
    return { group: body.slice(0, eq).trim(), members: splitUnitNames(body.slice(eq + 1)) };
  },
  // Showing a group is for everyone; setting one, for the plan's admins.
  permission: { subcommand: (a) => (a.members === null ? "show" : "group"), rules: { group: { right: "planAdmin", denied: "unit.denied" }, "*": { right: "anyone" } } },
  async run(ctx, { group, members }) {
    const plan = await ctx.requirePlan();
    const usage = ctx.t("cmd.unit.usage");
    if (!group) throw new UsageError("unit.needGroup", { usage });
    const { store } = ctx.services;
    const unit = await resolveUnit(ctx, plan, group);
    const sep = ctx.t("people.sep");
    if (members === null) {
      const current = await store.groupMembers(unit.id);
      if (!current.length) return reply([{ type: "text", text: ctx.t("unit.noMembers", { group: unit.name }) }]);
      const blocks = [{ type: "text" as const, text: ctx.t("unit.members", { group: unit.name, members: current.map((m) => m.name).join(sep) }) }];
      if (current.every((m) => m.source === "plan")) blocks.push({ type: "text", text: ctx.t("unit.membersFromPlan", { group: unit.name }) });
      return reply(blocks);
    }
    if (!groupKinds(unit.name) && !/^各/.test(unit.name)) throw new UsageError("unit.notGroup", { unit: unit.name });
    if (!members.length) throw new UsageError("unit.needMembers", { usage });
    const result = await store.setUnitGroup(plan.id, unit.id, members);
    ctx.services.log.info({ plan: plan.id, group: unit.id, members: result.members.map((m) => m.id), by: ctx.message.userId }, "unit group set");
    const blocks = [{ type: "text" as const, text: ctx.t("unit.set", { group: unit.name, members: result.members.map((m) => m.name).join(sep) }) }];
    if (result.created.length) blocks.push({ type: "text", text: ctx.t("unit.created", { units: result.created.join(sep) }) });
    return reply(blocks);
  },
});
