import type { CommandContext } from "./command.ts";
import type { UpdateView } from "./model.ts";
import { statusLabel } from "./progress-view.ts";
import { reply, type Reply } from "./reply.ts";

type Reader = (ctx: CommandContext, lead?: string) => Promise<Reply[]>;

/** `#7 已完成`, `质押融资 1860000000`: a stored row, short, for a notice. */
function describeRow(ctx: CommandContext, u: UpdateView): string {
  const what = u.taskNumber !== null ? `#${u.taskNumber}` : (u.targetName ?? "?");
  const value = u.status ? statusLabel(ctx.t, { status: u.status, percent: u.percent }) : u.value !== null ? String(u.value) : "";
  return `${what} ${value}`.trim();
}

/**
 * An edited or deleted chat message. A delete retracts whatever the message recorded. An edit
 * retracts the earlier reading and reads the new text like a new message (its rows carry the
 * edit's revision); an edit that reads the same as what stands changes nothing.
 */
export async function readEdit(ctx: CommandContext, read: Reader): Promise<Reply[]> {
  const { store } = ctx.services;
  const { platform, messageId, channelId, userId, userName } = ctx.message;
  if (!messageId) return [];
  const standing = await store.standingFromMessage(platform, messageId);
  // A deletion the platform reports without its author (a message the adapter never saw):
  // the retraction is written in the name of the one who reported the update.
  const author = standing[0]?.member;
  const by = userId || !author ? { platform, platformUserId: userId, displayName: userName } : { platform, platformUserId: author.platformUserId, displayName: author.displayName };
  const old = standing.map((u) => describeRow(ctx, u)).join("、");
  if (ctx.message.deleted) {
    if (standing.length === 0) {
      // Perhaps deleted before its first reading arrived (a late delivery): that reading must not record.
      await store.noteMessageRevised(platform, messageId);
      return [];
    }
    const done = await store.retractUpdates(standing, by, { platform, messageId, revision: "delete", channelId, at: ctx.now });
    return done.length ? [reply([{ type: "text", text: ctx.t("update.deleted", { old }) }])] : [];
  }
  if (standing.length === 0) {
    // Perhaps read before the message itself (a late delivery): the original text must not record beside this reading.
    await store.noteMessageRevised(platform, messageId);
    return read(ctx);
  }
  // A redelivered edit (or an edit that changed nothing we record) finds its own rows standing.
  if (standing.every((u) => (u.sourceRevision ?? "") === ctx.message.revision)) return [];
  const retracted = await store.retractUpdates(standing, by, {
    platform,
    messageId,
    revision: `edit:${ctx.message.revision ?? ""}`,
    channelId,
    at: ctx.now,
  });
  if (retracted.length === 0) return [];
  const replies = await read(ctx, ctx.t("update.edited", { old }));
  const recorded = replies.some((r) => r.blocks.some((b) => b.type === "header"));
  return recorded ? replies : [reply([{ type: "text", text: ctx.t("update.editedNothing", { old }) }]), ...replies];
}
