import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { UsageError } from "../src/core/errors.ts";
import type { ParsedMention } from "../src/core/mentions.ts";
import { mention, reply } from "../src/core/reply.ts";
import type { MemberInput } from "../src/core/store.ts";
import { memberList, resolveUnit } from "./whois.ts";

const REMOVE_WORDS = ["remove", "rm", "del", "delete", "移除", "删除", "刪除", "去掉", "取消"];

/**
 * Who the mentions name. The asker's own name is known; otherwise the name the platform gave in the
 * mention; otherwise it stays empty so the store keeps the one it has (adapters refresh names when
 * people write), and only a person never seen before is stored under their user id.
 */
function memberInputs(ctx: CommandContext, mentions: readonly ParsedMention[]): MemberInput[] {
  const { platform, userId, userName } = ctx.message;
  return mentions.map((m) => ({
    platform,
    platformUserId: m.userId,
    displayName: m.userId === userId ? userName : (m.displayName ?? ""),
  }));
}

export default defineCommand({
  name: "owner",
  aliases: ["责任人", "負責人", "负责人", "責任人"],
  summary: "cmd.owner.summary",
  usage: "cmd.owner.usage",
  example: "/owner 市市场监管局 @张三",
  args: z.object({ remove: z.boolean(), text: z.string() }),
  input(rest) {
    const [first = "", ...more] = rest.trim().split(/\s+/);
    if (REMOVE_WORDS.includes(first.toLowerCase())) return { remove: true, text: more.join(" ") };
    return { remove: false, text: rest };
  },
  permission: { right: "planAdmin", denied: "owner.denied" },
  async run(ctx, { remove, text }) {
    const plan = await ctx.requirePlan();
    const { store } = ctx.services;
    const usage = ctx.t("cmd.owner.usage");
    const parsed = ctx.mentions(text);
    if (parsed.unresolved.length) throw new UsageError("people.unresolved", { names: parsed.unresolved.join(" ") });
    if (!parsed.rest) throw new UsageError("owner.needUnit", { usage });
    if (!parsed.mentions.length) throw new UsageError("owner.needMentions", { usage });
    const unit = await resolveUnit(ctx, plan, parsed.rest);
    const inputs = memberInputs(ctx, parsed.mentions);

    let summary: string;
    if (remove) {
      const before = await store.unitMembers(unit.id);
      const removed = await store.removeUnitMembers(unit.id, inputs);
      const names = inputs
        .map((m) => {
          const known = before.find((b) => b.platform === m.platform && b.platformUserId === m.platformUserId);
          return mention(m.platform, m.platformUserId, known?.displayName || m.displayName || m.platformUserId);
        })
        .join(ctx.t("people.sep"));
      summary = ctx.t(removed ? "owner.removed" : "owner.notMembers", { members: names, unit: unit.name });
    } else {
      let added = await store.addUnitMembers(unit.id, inputs);
      const unnamed = inputs.filter((_, i) => !added[i]?.displayName);
      if (unnamed.length) {
        await store.addUnitMembers(unit.id, unnamed.map((m) => ({ ...m, displayName: m.platformUserId })));
        added = added.map((m) => (m.displayName ? m : { ...m, displayName: m.platformUserId }));
      }
      summary = ctx.t("owner.added", { members: memberList(ctx, added), unit: unit.name });
    }
    ctx.services.log.info(
      { plan: plan.id, unit: unit.id, remove, members: inputs.map((m) => `${m.platform}:${m.platformUserId}`), by: ctx.message.userId },
      "unit members changed",
    );
    const members = await store.unitMembers(unit.id);
    const after = members.length
      ? ctx.t("owner.current", { unit: unit.name, members: memberList(ctx, members) })
      : ctx.t("owner.empty", { unit: unit.name });
    return reply([
      { type: "text", text: summary },
      { type: "context", text: after },
    ]);
  },
});
