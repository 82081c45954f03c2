import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { NotFoundError, PermissionError, UsageError } from "../src/core/errors.ts";
import { statusLabel } from "../src/core/progress-view.ts";
import { reply } from "../src/core/reply.ts";

const DAY = 86_400_000;

/** The update `/undo [id]` names: by its id, or the asker's latest within a day. */
function findUpdate(ctx: CommandContext, id: string) {
  const { platform, userId } = ctx.message;
  const since = new Date(ctx.now.getTime() - DAY);
  return id ? ctx.services.store.getUpdate(Number(id.replace("#", ""))) : ctx.services.store.lastUndoable(platform, userId, since);
}

/** Undo writes a retraction row; nothing is ever deleted. Authors may undo their own within a day. */
export default defineCommand({
  name: "undo",
  aliases: ["撤销", "撤銷", "撤回"],
  summary: "cmd.undo.summary",
  usage: "cmd.undo.usage",
  example: "/undo",
  args: z.object({ id: z.string().regex(/^(#?\d+)?$/, "arg.recordId") }),
  input: (rest) => ({ id: rest.trim() }),
  // Rights on the plan the update belongs to, never on the plan of the channel it was typed in.
  permission: {
    right: "authorOrPlanAdmin",
    denied: "undo.notYours",
    async row(ctx, { id }) {
      const u = await findUpdate(ctx, id);
      if (!u) return null;
      const author = u.member ? { platform: u.member.platform, userId: u.member.platformUserId } : undefined;
      return { planId: u.planId, ...(author ? { author } : {}), params: { id: u.id } };
    },
  },
  async run(ctx, { id }) {
    const { store } = ctx.services;
    const { platform, userId, userName, messageId, channelId } = ctx.message;
    const since = new Date(ctx.now.getTime() - DAY);
    const update = await findUpdate(ctx, id);
    if (!update) throw new NotFoundError("undo.nothing");
    if (update.kind !== "progress") throw new UsageError("undo.already", { id: update.retractsId ?? update.id });
    // Anyone else's was allowed by the command's permission (admins of the update's plan);
    // authors take back their own within a day.
    const own = update.member?.platform === platform && update.member.platformUserId === userId;
    if (own && update.createdAt.getTime() < since.getTime()) throw new PermissionError("undo.tooOld", { id: update.id });
    if (update.retracted) throw new UsageError("undo.already", { id: update.id });
    // Undo takes back everything the same message recorded (`任务7完成，任务8受阻` → both).
    const retractions = await store.retractBatch(update.id, { platform, platformUserId: userId, displayName: userName }, {
      platform,
      ...(messageId ? { messageId } : {}),
      channelId,
      at: ctx.now,
    });
    if (retractions.length === 0) throw new UsageError("undo.already", { id: update.id });
    if (retractions.length > 1) {
      const undone = await Promise.all(retractions.map((r) => store.getUpdate(r.retractsId!)));
      const what = undone.map((u) => (u?.taskNumber ? `#${u.taskNumber}` : (u?.targetName ?? ""))).join("、");
      const states: string[] = [];
      for (const u of undone) {
        if (!u?.taskNumber) continue;
        const card = await store.getTaskCard(u.planId, u.taskNumber);
        if (card) states.push(`#${u.taskNumber} ${statusLabel(ctx.t, card.progress)}`);
      }
      return reply([{ type: "text", text: ctx.t("undo.doneMany", { count: retractions.length, what, state: states.join("、") || "—" }) }]);
    }
    const what = update.taskNumber ? `#${update.taskNumber}` : (update.targetName ?? "");
    let state = "—";
    if (update.taskNumber !== null) {
      const card = await store.getTaskCard(update.planId, update.taskNumber);
      if (card) state = statusLabel(ctx.t, card.progress);
    }
    return reply([{ type: "text", text: ctx.t("undo.done", { what, id: update.id, state }) }]);
  },
});
