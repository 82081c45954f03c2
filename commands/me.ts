import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import type { TaskRow, UnitRef } from "../src/core/model.ts";
import { moreButton, paginate } from "../src/core/paging.ts";
import { reply, type Block } from "../src/core/reply.ts";

/** Rows per page of /me (a platform home view may show the same reply). */
export const ME_PAGE_SIZE = 10;
const TITLE_MAX = 40;

const clip = (s: string) => (s.length > TITLE_MAX ? `${s.slice(0, TITLE_MAX - 1)}…` : s);

function rowText(ctx: CommandContext, row: TaskRow, mine: readonly UnitRef[]): string {
  const ids = new Set(mine.map((u) => u.id));
  const roles = row.units
    .filter((u) => ids.has(u.unitId))
    .map((u) => (mine.length > 1 ? `${u.name} ${ctx.t(`role.${u.role}`)}` : ctx.t(`role.${u.role}`)));
  const { status, percent } = row.progress;
  const state = ctx.t(`me.status.${status}`) + (percent !== null && status !== "not_started" ? ` ${percent}%` : "");
  const deadline = row.deadlines.find((d) => d.date) ?? row.deadlines[0];
  const details = [[...new Set(roles)].join(ctx.t("people.sep")), state, ...(deadline ? [ctx.t("me.due", { date: deadline.date ?? deadline.text })] : [])];
  return ctx.t("me.row", { number: row.number, title: clip(row.title), details: details.join(" · ") });
}

export default defineCommand({
  name: "me",
  aliases: ["我的", "我", "mine"],
  permission: { right: "anyone" },
  summary: "cmd.me.summary",
  usage: "cmd.me.usage",
  example: "/me",
  args: z.object({ page: z.number({ error: "arg.page" }).int("arg.page").min(1, "arg.page") }),
  input(rest) {
    const digits = /\d+/.exec(rest);
    return { page: digits ? Number(digits[0]) : rest.trim() ? Number.NaN : 1 };
  },
  async run(ctx, { page }) {
    const { store } = ctx.services;
    const { platform, userId } = ctx.message;
    // Every plan the asker's units appear in: the channel's plan first, then the others.
    const plans = await store.listPlans();
    const ordered = [...plans.filter((p) => p.id === ctx.channel.planId), ...plans.filter((p) => p.id !== ctx.channel.planId)];
    const found: { plan: (typeof plans)[number]; units: UnitRef[]; mine: UnitRef[]; open: TaskRow[] }[] = [];
    for (const plan of ordered) {
      const units = await store.memberUnits(plan.id, platform, userId);
      if (!units.length) continue;
      // Tasks given to a group (`各县、区人民政府`) are the tasks of each unit it stands for.
      const mine = [...units, ...(await store.groupsOf(plan.id, units.map((u) => u.id)))];
      const ids = new Set(mine.map((u) => u.id));
      const open = (await store.listTaskRows(plan.id)).filter((r) => r.progress.status !== "done" && r.units.some((u) => ids.has(u.unitId)));
      found.push({ plan, units, mine, open });
    }
    if (!found.length) {
      const plan = ctx.channel.planId === null ? undefined : plans.find((p) => p.id === ctx.channel.planId);
      const text = plan ? ctx.t("me.noUnits", { plan: plan.title }) : ctx.t("me.noUnitsAny");
      return reply([{ type: "text", text }], { private: true });
    }
    const names = [...new Set(found.flatMap((f) => f.units.map((u) => u.name)))];
    const header: Block = { type: "header", text: ctx.t("me.title", { units: names.join(ctx.t("people.sep")) }) };
    const rows = found.flatMap((f) => f.open.map((row) => ({ f, row })));
    if (!rows.length) return reply([header, { type: "text", text: ctx.t("me.noOpen") }], { private: true });

    const pg = paginate(rows, page, ME_PAGE_SIZE);
    const { items: slice, page: current, pages } = pg;
    const blocks: Block[] = [header];
    if (found.length === 1) blocks.push({ type: "list", items: slice.map(({ f, row }) => rowText(ctx, row, f.mine)) });
    else {
      // Several plans: each plan's rows under its title.
      for (const f of found) {
        const items = slice.filter((x) => x.f === f).map(({ row }) => rowText(ctx, row, f.mine));
        if (items.length) blocks.push({ type: "context", text: ctx.t("me.plan", { plan: f.plan.title }) }, { type: "list", items });
      }
    }
    const pageKey = found.length === 1 ? "me.page" : "me.pageAll";
    blocks.push({ type: "context", text: ctx.t(pageKey, { page: current, pages, count: rows.length, plans: found.length }) });
    const more = moreButton(ctx.t("me.more"), "/me", pg);
    if (more.length) blocks.push({ type: "actions", buttons: more });
    return reply(blocks, { private: true });
  },
});
