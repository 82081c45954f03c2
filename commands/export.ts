import { z } from "zod";
import { defineCommand } from "../src/core/command.ts";
import { reply } from "../src/core/reply.ts";
import { parsePeriod } from "../src/reports/period.ts";

const CSV = new Set(["csv", "--csv"]);

/**
 * `/export [period] [csv]`: the channel plan's 督办台账 as an .xlsx workbook (任务台账, 指标,
 * 进展记录 for the period), or CSV files, sent into the chat as files. The spreadsheet code is
 * loaded only when someone exports.
 */
export default defineCommand({
  name: "export",
  aliases: ["导出", "導出", "台账", "台帳"],
  summary: "cmd.export.summary",
  // A read of the channel plan's ledger, as /tasks and /history are.
  permission: { right: "anyone" },
  usage: "cmd.export.usage",
  example: "/export 2026-11",
  args: z.object({ period: z.string(), csv: z.boolean() }),
  input(rest) {
    const words = rest.trim().split(/\s+/).filter(Boolean);
    return { period: words.filter((w) => !CSV.has(w.toLowerCase())).join(" "), csv: words.some((w) => CSV.has(w.toLowerCase())) };
  },
  slash: { options: [{ name: "period", description: "opt.exportPeriod", type: "string", required: false }] },
  async run(ctx, { period, csv }) {
    const plan = await ctx.requirePlan();
    const timezone = ctx.channel.timezone ?? ctx.services.settings.timezone;
    const parsed = parsePeriod({ text: period }, ctx.now, timezone);
    if (!parsed.ok) return reply([{ type: "text", text: ctx.t(parsed.problem === "order" ? "export.badOrder" : "export.badPeriod", { text: parsed.text }) }], { private: true });
    const { exportPlan } = await import("../src/reports/export.ts");
    const result = await exportPlan(ctx.services.store, {
      planId: plan.id,
      period: parsed.period,
      csv,
      now: ctx.now,
      timezone,
      staleDays: ctx.services.settings.staleDays,
    });
    if (!result) return reply([{ type: "text", text: ctx.t("export.gone") }], { private: true });
    const when = parsed.period.label === "all" ? ctx.t("export.allHistory") : parsed.period.label.replace("_", " – ");
    return {
      blocks: [
        {
          type: "text",
          text: ctx.t(csv ? "export.doneCsv" : "export.done", {
            title: result.plan.title,
            tasks: result.counts.tasks,
            targets: result.counts.targets,
            updates: result.counts.updates,
            period: when,
          }),
        },
      ],
      files: result.files,
    };
  },
});
