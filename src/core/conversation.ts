import type { CommandContext } from "./command.ts";
import type { FreeTextHandler } from "./dispatcher.ts";
import type { PlanSummary, PlanVocabulary, TargetRef } from "./model.ts";
import { answerQuestion, askBack, applyReadings, unknownTask } from "./questions.ts";
import { recognizeUpdate, type Recognition, type RecognizeContext } from "./recognize/index.ts";
import { reply, type Reply } from "./reply.ts";
import { CHINESE_NUMERAL_CHARS } from "./text/numerals.ts";
import { readEdit } from "./edits.ts";

const HAS_NUMBER = new RegExp(`[0-9０-９${CHINESE_NUMERAL_CHARS}]`);
/** Short replies that answer a question without a number (`完成`, `是`, `yes`). */
const WORD_ANSWER = /^[\s\p{P}\p{S}]*(?:是的?|对|確認|确认|记录|記錄|好的?|可以|yes|y|ok|okay|confirm|record|done|blocked|started|已?完成了?|受阻|卡住了?|已?开始了?|已?開始了?|已启动|已啟動|进行中|進行中|不|否|不用|取消|no|cancel)[\s\p{P}\p{S}]*$/iu;

/** Every update and every answer to a question names a number: text without one is never an update. */
export const mayBeUpdate = (text: string): boolean => HAS_NUMBER.test(text);

/**
 * Free text in conversation: a DM, a mention, or any message in a channel bound to a plan.
 * Recognised updates (one or several tasks, or a target) are stored as one batch, then confirmed
 * with Undo; an ambiguous message gets a question and nothing is stored until it is answered;
 * an edited or deleted message retracts what it recorded; ordinary chat is ignored silently.
 */
export function createConversation(): FreeTextHandler {
  return async (ctx) => {
    if (ctx.message.deleted || ctx.message.revision !== undefined) return readEdit(ctx, readMessage);
    return readMessage(ctx);
  };
}

async function readMessage(ctx: CommandContext, lead?: string): Promise<Reply[]> {
  const addressed = Boolean(ctx.message.isDirect || ctx.message.addressed);
  if (ctx.channel.planId === null) return addressed ? [hint(ctx, "error.noPlan")] : [];
  const text = ctx.message.text;
  const numbered = HAS_NUMBER.test(text);
  // Every update and nearly every answer names a number; other chat costs no query.
  if (!numbered && !WORD_ANSWER.test(text)) return addressed ? [hint(ctx, "free.hint")] : [];
  const plan = await ctx.requirePlan();
  const { store } = ctx.services;
  const read = (v: PlanVocabulary) => {
    const rctx: RecognizeContext = { taskNumbers: v.taskNumbers, targets: v.targets.map((t) => ({ id: t.id, name: t.name, unit: t.unit })), botMentioned: addressed };
    return { rctx, targets: v.targets, r: recognizeUpdate(text, rctx) };
  };
  let reading = read(await store.planVocabulary(plan.id));
  // The vocabulary is kept for seconds (another instance may have imported since). Only progress
  // of tasks alone is taken from it: each task is read afresh before anything is stored. Any
  // other outcome (a target, a question, an unknown number, chat) is read again against the plan as it is.
  if (!tasksOnly(reading.r)) reading = read(await store.planVocabulary(plan.id, { fresh: true }));
  const { rctx, targets, r } = reading;

  const key = { platform: ctx.message.platform, channelId: ctx.message.channelId, userId: ctx.message.userId };
  // A complete update of its own is a new report, never an answer to an older question.
  if (!writes(r)) {
    const open = await store.openQuestion(key, ctx.now);
    if (open) {
      const answered = await answerQuestion(ctx, plan, open.payload, text, targets);
      if (answered) {
        await store.closeQuestion(open.id, ctx.now);
        return [answered];
      }
    }
  }
  if (!numbered) return addressed ? [hint(ctx, "free.hint")] : [];
  return [await act(ctx, plan, r, rctx, targets, lead)].filter((x): x is Reply => x !== null).concat(
    r.kind === "none" && addressed ? [hint(ctx, "free.hint")] : [],
  );
}

function tasksOnly(r: Recognition): boolean {
  return r.kind === "task" || (r.kind === "tasks" && r.updates.every((u) => u.kind === "task"));
}

function writes(r: Recognition): boolean {
  return r.kind === "task" || r.kind === "tasks" || r.kind === "target";
}

async function act(
  ctx: CommandContext,
  plan: PlanSummary,
  r: Recognition,
  rctx: RecognizeContext,
  targets: TargetRef[],
  lead?: string,
): Promise<Reply | null> {
  switch (r.kind) {
    case "none":
      return null;
    case "task":
    case "target":
    case "tasks":
      if (await editedFirst(ctx)) return null;
      return applyReadings(ctx, plan, r.kind === "tasks" ? r.updates : [r], targets, lead);
    case "ambiguous":
      if (r.question === "unknown_task") {
        return reply([{ type: "text", text: await unknownTask(ctx, plan, r.taskNumbers?.[0] ?? "?") }], { private: true });
      }
      return askBack(ctx, plan, r, rctx, targets);
  }
}

/**
 * A message's first reading that arrives after an edit or deletion of it was read (a late or
 * retried delivery): the edit's reading stands, and the stale text must not be recorded beside it.
 */
async function editedFirst(ctx: CommandContext): Promise<boolean> {
  const { platform, messageId, revision, deleted } = ctx.message;
  if (!messageId || revision !== undefined || deleted) return false;
  if (!(await ctx.services.store.messageRevised(platform, messageId))) return false;
  ctx.services.log.info({ platform, messageId }, "first reading of an already edited message ignored");
  return true;
}

const hint = (ctx: CommandContext, key: "free.hint" | "error.noPlan"): Reply => reply([{ type: "text", text: ctx.t(key) }], { private: true });
