import type { CommandContext } from "./command.ts";
import type { FreeTextHandler } from "./dispatcher.ts";
import { describeNumbers } from "./format.ts";
import type { PlanSummary, TargetView } from "./model.ts";
import { prepare, removeSpans } from "./recognize/normalize.ts";
import { findTaskReferences } from "./recognize/references.ts";
import { recognizeUpdate, type Recognition, type RecognizeContext } from "./recognize/index.ts";
import { reply, type Button, type Reply } from "./reply.ts";
import { formatTargetValue } from "./target-lookup.ts";
import { CHINESE_NUMERAL_CHARS, parseChineseInteger } from "./text/numerals.ts";
import { recordTargetUpdate, recordTaskUpdate, type TaskChange } from "./updates.ts";

const QUESTION_TTL_MS = 30 * 60_000;
const HAS_NUMBER = new RegExp(`[0-9０-９${CHINESE_NUMERAL_CHARS}]`);

type TaskOption = { number: string } & TaskChange;
type TargetOption = { targetId: number; value: number; note: string | null };
type Question = { kind: "which_task"; options: TaskOption[] } | { kind: "which_target"; options: TargetOption[] };

/**
 * Free text in conversation: a DM, a mention, or any message in a channel bound to a plan.
 * A recognised update is stored, then confirmed with Undo; an ambiguous one gets a question and
 * nothing is stored until it is answered; ordinary chat is ignored silently.
 */
export function createConversation(): FreeTextHandler {
  return async (ctx) => {
    const addressed = Boolean(ctx.message.isDirect || ctx.message.addressed);
    if (ctx.channel.planId === null) return addressed ? [hint(ctx, "error.noPlan")] : [];
    // Every update and every answer to a question names a number; chat without one costs no query.
    if (!HAS_NUMBER.test(ctx.message.text)) return addressed ? [hint(ctx, "free.hint")] : [];
    const plan = await ctx.requirePlan();
    const { store } = ctx.services;
    const key = { platform: ctx.message.platform, channelId: ctx.message.channelId, userId: ctx.message.userId };

    const open = await store.openQuestion(key, ctx.now);
    if (open) {
      const answered = await answer(ctx, plan, open.payload as Question, ctx.message.text);
      if (answered) {
        await store.closeQuestion(open.id, ctx.now);
        return [answered];
      }
    }

    const [taskNumbers, targets] = await Promise.all([store.listTaskNumbers(plan.id), store.listTargets(plan.id)]);
    const rctx: RecognizeContext = { taskNumbers, targets: targets.map((t) => ({ id: t.id, name: t.name, unit: t.unit })), botMentioned: addressed };
    const r = recognizeUpdate(ctx.message.text, rctx);
    switch (r.kind) {
      case "none":
        return addressed ? [hint(ctx, "free.hint")] : [];
      case "task":
        return [await applyTask(ctx, plan, { number: r.taskNumber, status: r.status, percent: r.percent, note: r.note })];
      case "target":
        return [await applyTarget(ctx, plan, targets, { targetId: r.targetId, value: r.value, note: r.note })];
      case "ambiguous":
        return [await ask(ctx, plan, r, rctx, targets)];
    }
  };
}

const hint = (ctx: CommandContext, key: "free.hint" | "error.noPlan"): Reply => reply([{ type: "text", text: ctx.t(key) }], { private: true });

async function applyTask(ctx: CommandContext, plan: PlanSummary, o: TaskOption): Promise<Reply> {
  const task = await ctx.services.store.getTask(plan.id, o.number);
  if (!task) return reply([{ type: "text", text: await unknownTask(ctx, plan, o.number) }], { private: true });
  return recordTaskUpdate(ctx, plan, task, o);
}

async function applyTarget(ctx: CommandContext, plan: PlanSummary, targets: TargetView[], o: TargetOption): Promise<Reply> {
  const target = targets.find((t) => t.id === o.targetId)!;
  return recordTargetUpdate(ctx, plan, target, o.value, o.note, (v) => formatTargetValue(v, target.unit, ctx.locale));
}

async function unknownTask(ctx: CommandContext, plan: PlanSummary, number: string): Promise<string> {
  const range = describeNumbers(await ctx.services.store.listTaskNumbers(plan.id));
  return ctx.t("question.unknownTask", { plan: plan.title, number, range });
}

/** The same message read as if it named only task `n` (its other task references removed). */
function focusOnTask(text: string, n: string): string {
  const p = prepare(text);
  return `#${n} ${removeSpans(p.source, findTaskReferences(p.norm))}`;
}

async function ask(ctx: CommandContext, plan: PlanSummary, r: Extract<Recognition, { kind: "ambiguous" }>, rctx: RecognizeContext, targets: TargetView[]): Promise<Reply> {
  const text = ctx.message.text;
  const say = (s: string) => reply([{ type: "text", text: s }], { private: true });
  if (r.question === "unknown_task") return say(await unknownTask(ctx, plan, r.taskNumbers?.[0] ?? "?"));
  if (r.question === "what_progress") return say(ctx.t("question.whatProgress", { number: r.taskNumbers?.[0] ?? "?" }));
  if (r.question === "unit_mismatch") {
    const names = targets.filter((t) => r.targetIds?.includes(t.id)).map((t) => `${t.name} (${t.unit})`).join("; ");
    return say(ctx.t("question.unitMismatch", { names }));
  }
  let question: Question;
  let buttons: Button[];
  let prompt: string;
  if (r.question === "which_task") {
    const options: TaskOption[] = (r.taskNumbers ?? []).flatMap((n) => {
      const one = recognizeUpdate(focusOnTask(text, n), { ...rctx, taskNumbers: [n] });
      return one.kind === "task" ? [{ number: n, status: one.status, percent: one.percent, note: one.note }] : [];
    });
    question = { kind: "which_task", options };
    buttons = options.map((o) => ({ actionId: `duban:pick:${o.number}`, label: `#${o.number}`, command: updateCommand(o) }));
    prompt = ctx.t("question.whichTask", { numbers: (r.taskNumbers ?? []).map((n) => `#${n}`).join("、") });
  } else {
    const candidates = targets.filter((t) => r.targetIds?.includes(t.id));
    const options: TargetOption[] = candidates.flatMap((t) => {
      const one = recognizeUpdate(text, { ...rctx, taskNumbers: [], targets: [{ id: t.id, name: t.name, unit: t.unit }] });
      return one.kind === "target" ? [{ targetId: t.id, value: one.value, note: one.note }] : [];
    });
    question = { kind: "which_target", options };
    buttons = options.map((o, i) => {
      const t = candidates.find((c) => c.id === o.targetId)!;
      return { actionId: `duban:pickt:${t.id}`, label: `${i + 1}. ${t.name}`.slice(0, 70), command: `/update target ${targets.indexOf(t) + 1} ${o.value}${t.unit}${o.note ? ` ${o.note}` : ""}` };
    });
    prompt = ctx.t("question.whichTarget", { names: candidates.map((t, i) => `${i + 1}. ${t.name}`).join("；") });
  }
  if (!buttons.length) return say(ctx.t("free.hint"));
  const key = { platform: ctx.message.platform, channelId: ctx.message.channelId, userId: ctx.message.userId };
  await ctx.services.store.askQuestion(key, question, new Date(ctx.now.getTime() + QUESTION_TTL_MS));
  return reply([{ type: "text", text: prompt }, { type: "actions", buttons }], { private: true });
}

function updateCommand(o: TaskOption): string {
  const progress = o.status === "done" ? "done" : o.status === "blocked" ? "blocked" : o.percent !== null ? `${o.percent}%` : o.status === "not_started" ? "0%" : "started";
  return `/update ${o.number} ${progress}${o.note ? ` ${o.note}` : ""}`;
}

/** A typed answer to an open question: a task number, or a target's position in the question. */
async function answer(ctx: CommandContext, plan: PlanSummary, q: Question, text: string): Promise<Reply | null> {
  const n = parseChineseInteger(text.trim().replace(/^(?:#|＃|任务|任務|task\s*|第)/i, "").replace(/(?:号|號|项|項|个|個)$/, ""));
  if (n === null) return null;
  if (q.kind === "which_task") {
    const o = q.options.find((x) => x.number === String(n));
    return o ? applyTask(ctx, plan, o) : null;
  }
  const o = q.options[n - 1];
  if (!o) return null;
  return applyTarget(ctx, plan, await ctx.services.store.listTargets(plan.id), o);
}
