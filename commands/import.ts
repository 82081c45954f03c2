import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { NotFoundError, PermissionError, UsageError } from "../src/core/errors.ts";
import { reply, type Block } from "../src/core/reply.ts";
import { parsePlanFile } from "../src/importer/file.ts";
import { ImportError, type ImportedPlan } from "../src/importer/types.ts";

/** Largest file accepted (plans are a few hundred KB; a scanned or image-laden file is refused). */
export const MAX_IMPORT_MB = 20;
const TYPES = /\.(txt|text|md|docx|pdf|xlsx|xls|doc|wps)$/i;
const SHOWN_UNITS = 12;
const SHOWN_WARNINGS = 5;
const STAGE_MS = 30 * 60_000;

interface Staged {
  id: string;
  owner: string;
  source: { name: string; hash: string };
  plans: ImportedPlan[];
  expiresAt: number;
}

// Files shown for confirmation: kept in memory, so nothing is written before Confirm; a restart
// forgets them and the user is told to send the file again.
const staged = new Map<string, Staged>();

const ownerOf = (ctx: CommandContext) => `${ctx.message.platform}:${ctx.message.userId}`;

export default defineCommand({
  name: "import",
  aliases: ["导入", "導入"],
  summary: "cmd.import.summary",
  usage: "cmd.import.usage",
  args: z.object({ action: z.enum(["file", "confirm", "cancel"]), value: z.string() }),
  input(rest) {
    const m = /^(confirm|cancel)\s+(\S+)$/i.exec(rest.trim());
    return m ? { action: m[1]!.toLowerCase(), value: m[2]! } : { action: "file", value: rest.trim() };
  },
  async run(ctx, { action, value }) {
    if (!ctx.isAdmin) throw new PermissionError("import.denied", {});
    if (action !== "file") return resolve(ctx, action, value);
    if (ctx.message.platform !== "console") throw new UsageError("import.pathConsoleOnly", {});
    if (!value) throw new UsageError("import.needPath", { usage: ctx.t("cmd.import.usage") });
    const file = value.replace(/^["']|["']$/g, "");
    const name = path.basename(file);
    let bytes: Buffer;
    try {
      const size = fs.statSync(file).size;
      if (size > MAX_IMPORT_MB * 1024 * 1024) {
        throw new UsageError("import.tooLarge", { file: name, size: (size / 1024 / 1024).toFixed(1), max: MAX_IMPORT_MB });
      }
      bytes = fs.readFileSync(file);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError("import.unreadable", { file: name, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
    return preview(ctx, name, bytes);
  },
});

/** Parses a file, shows what importing it would do, and offers Confirm / Cancel. */
export async function preview(ctx: CommandContext, name: string, bytes: Buffer) {
  if (!TYPES.test(name)) throw new UsageError("import.badType", { file: name });
  let plans: ImportedPlan[];
  try {
    plans = (await parsePlanFile(bytes, { sourceName: name })).plans;
  } catch (err) {
    if (err instanceof ImportError) throw new UsageError("import.failed", { file: name, reason: err.message });
    throw err;
  }
  const hash = crypto.createHash("sha256").update(bytes).digest("hex");
  const id = crypto.randomBytes(4).toString("hex");
  const sep = ctx.t("people.sep");
  const blocks: Block[] = [];
  for (const [i, plan] of plans.entries()) {
    const result = await ctx.services.store.previewPlan(plan, sourceOf(name, hash, plans.length, i));
    const units = plan.units.slice(0, SHOWN_UNITS).map((u) => u.name).join(sep) + (plan.units.length > SHOWN_UNITS ? "…" : "");
    blocks.push(
      { type: "header", text: ctx.t("import.preview", { title: plan.title }) },
      { type: "text", text: ctx.t("import.counts", { tasks: plan.tasks.length, units: plan.units.length, targets: plan.targets.length, warnings: plan.warnings.length }) },
      { type: "text", text: ctx.t("import.units", { units }) },
    );
    if (plan.warnings.length) {
      const lines = plan.warnings.slice(0, SHOWN_WARNINGS).map((w) => `${w.line}: ${w.message}`);
      if (plan.warnings.length > SHOWN_WARNINGS) lines.push("…");
      blocks.push({ type: "context", text: ctx.t("import.warnings", { count: plan.warnings.length, lines: lines.join("\n") }) });
    }
    const change =
      result.status === "created"
        ? ctx.t("import.new", { slug: plan.slug })
        : result.status === "updated"
          ? ctx.t("import.changes", { changes: result.changes.map((c) => `• ${c}`).join("\n") })
          : ctx.t("import.same");
    blocks.push({ type: "text", text: change });
  }
  staged.set(id, { id, owner: ownerOf(ctx), source: { name, hash }, plans, expiresAt: ctx.now.getTime() + STAGE_MS });
  blocks.push({
    type: "actions",
    buttons: [
      { actionId: `duban:import:confirm:${id}`, label: ctx.t("import.confirm"), command: `/import confirm ${id}` },
      { actionId: `duban:import:cancel:${id}`, label: ctx.t("import.cancel"), command: `/import cancel ${id}` },
    ],
  });
  return reply(blocks);
}

function sourceOf(name: string, hash: string, count: number, i: number): { name: string; hash: string } {
  return { name, hash: count > 1 ? `${hash}#${i}` : hash };
}

async function resolve(ctx: CommandContext, action: "confirm" | "cancel", id: string) {
  const entry = staged.get(id);
  if (!entry || entry.expiresAt < ctx.now.getTime()) {
    staged.delete(id);
    throw new NotFoundError("import.gone", {});
  }
  if (entry.owner !== ownerOf(ctx)) throw new PermissionError("import.notYours", {});
  staged.delete(id);
  if (action === "cancel") return reply([{ type: "text", text: ctx.t("import.cancelled") }]);
  const blocks: Block[] = [];
  for (const [i, plan] of entry.plans.entries()) {
    const result = await ctx.services.store.savePlan(plan, sourceOf(entry.source.name, entry.source.hash, entry.plans.length, i));
    if (result.status === "created") await ctx.services.store.addPlanAdmin(result.planId, ctx.message.platform, ctx.message.userId);
    ctx.services.log.info({ plan: result.planId, status: result.status, file: entry.source.name, by: ctx.message.userId }, "plan imported from chat");
    blocks.push({ type: "text", text: ctx.t("import.saved", { title: plan.title, slug: result.slug, status: ctx.t(`import.status.${result.status}`) }) });
    if (result.changes.length) blocks.push({ type: "context", text: result.changes.map((c) => `• ${c}`).join("\n") });
  }
  return reply(blocks);
}
