import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { AttachmentError, type Attachment } from "../src/core/context.ts";
import { NotFoundError, PermissionError, UsageError } from "../src/core/errors.ts";
import { action, reply, type Block, type Reply } from "../src/core/reply.ts";
import { ImportError, type ImportedPlan } from "../src/importer/types.ts";

/** Largest file accepted (plans are a few hundred KB; a scanned or image-laden file is refused). */
export const MAX_IMPORT_MB = 20;
const MAX_BYTES = MAX_IMPORT_MB * 1024 * 1024;
const TYPES = /\.(txt|text|md|docx|pdf|xlsx|xls|doc|wps)$/i;
const SHOWN_UNITS = 12;
const SHOWN_WARNINGS = 5;
/**
 * How long a preview may be confirmed. Previews are kept in the store (a restart in between loses
 * nothing): long enough to ask a colleague, short enough that nobody confirms a forgotten one.
 */
export const STAGE_HOURS = 24;

export default defineCommand({
  name: "import",
  aliases: ["导入", "導入"],
  summary: "cmd.import.summary",
  usage: "cmd.import.usage",
  args: z.object({ action: z.enum(["file", "confirm", "cancel"]), value: z.string() }),
  // Importing writes plans for everyone: the bot's admins only (a pending import is also its importer's).
  permission: { right: "envAdmin", denied: "import.denied" },
  input(rest) {
    const m = /^(confirm|cancel)\s+(\S+)$/i.exec(rest.trim());
    return m ? { action: m[1]!.toLowerCase(), value: m[2]! } : { action: "file", value: rest.trim() };
  },
  async run(ctx, { action: verb, value }) {
    if (verb !== "file") return resolve(ctx, verb, value);
    // Only where the user runs Duban on their own machine does a path name a file to read.
    if (!ctx.services.platforms?.localFiles?.(ctx.message.platform)) throw new UsageError("import.pathConsoleOnly", {});
    if (!value) throw new UsageError("import.needPath", { usage: ctx.t("cmd.import.usage") });
    const file = value.replace(/^["']|["']$/g, "");
    const name = path.basename(file);
    let bytes: Buffer;
    try {
      const size = fs.statSync(file).size;
      if (size > MAX_BYTES) throw tooLarge(name, size);
      bytes = fs.readFileSync(file);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError("import.unreadable", { file: name, reason: (err as NodeJS.ErrnoException).code ?? String(err) });
    }
    return preview(ctx, name, bytes);
  },
  // Files sent in chat: the same declared permission (the bot's admins), enforced by the dispatcher.
  async files(ctx, files) {
    return fromChat(ctx, files);
  },
});

function tooLarge(name: string, size: number): UsageError {
  return new UsageError("import.tooLarge", { file: name, size: (size / 1024 / 1024).toFixed(1), max: MAX_IMPORT_MB });
}

/** A file sent to the bot in chat: checked by name and size before it is downloaded, then previewed. */
async function fromChat(ctx: CommandContext, files: readonly Attachment[]): Promise<Reply[]> {
  const [file, ...rest] = files as [Attachment, ...Attachment[]];
  const name = file.name;
  if (!TYPES.test(name)) throw new UsageError("import.badType", { file: name });
  if (file.size !== null && file.size > MAX_BYTES) throw tooLarge(name, file.size);
  let bytes: Uint8Array;
  try {
    bytes = await file.fetch(MAX_BYTES);
  } catch (err) {
    if (err instanceof AttachmentError && err.code === "too_large") throw new UsageError("import.tooLargeDownload", { file: name, max: MAX_IMPORT_MB });
    const reason = err instanceof Error ? err.message : String(err);
    ctx.services.log.warn({ platform: ctx.message.platform, file: name, err: reason }, "import download failed");
    throw new UsageError("import.downloadFailed", { file: name, reason: err instanceof AttachmentError ? reason : "network error" });
  }
  const shown = await preview(ctx, name, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!rest.length) return [shown];
  return [shown, reply([{ type: "context", text: ctx.t("import.oneAtATime", { files: rest.map((f) => f.name).join(ctx.t("people.sep")) }) }])];
}

/** Parses a file, shows what importing it would do, and offers Confirm / Cancel. */
export async function preview(ctx: CommandContext, name: string, bytes: Buffer) {
  if (!TYPES.test(name)) throw new UsageError("import.badType", { file: name });
  let plans: ImportedPlan[];
  try {
    // The importer (document decoders, pinyin) loads on the first import, not at every start.
    const { parsePlanFile } = await import("../src/importer/file.ts");
    plans = (await parsePlanFile(bytes, { sourceName: name })).plans;
  } catch (err) {
    if (err instanceof ImportError) throw new UsageError("import.failed", { file: name, reason: err.message });
    throw err;
  }
  const hash = crypto.createHash("sha256").update(bytes).digest("hex");
  const id = crypto.randomBytes(6).toString("hex");
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
  await ctx.services.store.stageImport(
    {
      id,
      platform: ctx.message.platform,
      userId: ctx.message.userId,
      source: { name, hash },
      plans,
      createdAt: ctx.now,
      expiresAt: new Date(ctx.now.getTime() + STAGE_HOURS * 3_600_000),
    },
    ctx.now,
  );
  blocks.push(
    { type: "context", text: ctx.t("import.confirmWithin", { hours: STAGE_HOURS }) },
    {
      type: "actions",
      buttons: [
        { ...action("import-confirm", id), label: ctx.t("import.confirm"), command: `/import confirm ${id}`, style: "primary" },
        { ...action("import-cancel", id), label: ctx.t("import.cancel"), command: `/import cancel ${id}` },
      ],
    },
  );
  return reply(blocks);
}

function sourceOf(name: string, hash: string, count: number, i: number): { name: string; hash: string } {
  return { name, hash: count > 1 ? `${hash}#${i}` : hash };
}

async function resolve(ctx: CommandContext, verb: "confirm" | "cancel", id: string) {
  const { store } = ctx.services;
  const entry = await store.getStagedImport(id);
  if (!entry) throw new NotFoundError("import.gone", {});
  if (entry.platform !== ctx.message.platform || entry.userId !== ctx.message.userId) throw new PermissionError("import.notYours", {});
  if (entry.expiresAt.getTime() <= ctx.now.getTime()) {
    await store.dropStagedImport(id);
    throw new NotFoundError("import.expired", { file: entry.source.name, hours: STAGE_HOURS });
  }
  // Removing the row claims it: of two clicks racing, one goes on, the other is told it is gone.
  if (!(await store.dropStagedImport(id))) throw new NotFoundError("import.gone", {});
  if (verb === "cancel") return reply([{ type: "text", text: ctx.t("import.cancelled") }]);
  const blocks: Block[] = [];
  try {
    for (const [i, plan] of entry.plans.entries()) {
      const result = await store.savePlan(plan, sourceOf(entry.source.name, entry.source.hash, entry.plans.length, i));
      if (result.status === "created") await store.addPlanAdmin(result.planId, ctx.message.platform, ctx.message.userId);
      ctx.services.log.info({ plan: result.planId, status: result.status, file: entry.source.name, by: ctx.message.userId }, "plan imported from chat");
      blocks.push({ type: "text", text: ctx.t("import.saved", { title: plan.title, slug: result.slug, status: ctx.t(`import.status.${result.status}`) }) });
      if (result.changes.length) blocks.push({ type: "context", text: result.changes.map((c) => `• ${c}`).join("\n") });
    }
  } catch (err) {
    // Not saved (the store failed): the preview stays confirmable; a plan saved before the failure
    // is found unchanged on the next Confirm.
    await store.stageImport(entry, ctx.now).catch(() => undefined);
    throw err;
  }
  return reply(blocks);
}
