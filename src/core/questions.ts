import type { CommandContext } from "./command.ts";
import { describeNumbers } from "./format.ts";
import type { PlanSummary, TargetRef } from "./model.ts";
import { statusLabel } from "./progress-view.ts";
import { findTaskReferences } from "./recognize/references.ts";
import { prepare } from "./recognize/normalize.ts";
import { recognizeUpdate, type Reading, type Recognition, type RecognizeContext } from "./recognize/index.ts";
import { action, reply, type Button, type Reply } from "./reply.ts";
import { formatTargetValue } from "./target-lookup.ts";
import { parseChineseInteger } from "./text/numerals.ts";
import { toHalfWidth } from "./text/width.ts";
import { removedTask } from "./task-lookup.ts";
import { recordBatch, type BatchItem } from "./updates.ts";

const QUESTION_TTL_MS = 30 * 60_000;

/**
 * What an open question remembers; an answer applies exactly one of these, unchanged, to the plan
 * it was asked about (`planId`; questions stored before it was kept count for the channel's plan).
 */
export type Question = (
  /** Pick one option (`第一个`, `7`, `完成`, a button). */
  | { kind: "pick"; options: Reading[] }
  /** Record all of these (`是`, a button). */
  | { kind: "confirm"; options: Reading[] }
  /** Task `number`'s progress (`60%`, `完成`). */
  | { kind: "progress"; number: string }
  /** Target `targetId`'s value (`18.6亿元`). */
  | { kind: "value"; targetId: number }
) & { planId?: number };

const YES = /^(?:是的?|对|確認|确认|记录|記錄|好的?|可以|yes|y|ok|okay|confirm|record|1|第[1一]个|第[1一]個)$/i;
const NO = /^(?:不|否|不用|不要|取消|no|n|cancel)$/i;

type Targets = TargetRef[];

/** Stores readings as one batch (permissions checked for each first) and confirms them. */
export async function applyReadings(ctx: CommandContext, plan: PlanSummary, readings: Reading[], targets: Targets, lead?: string): Promise<Reply> {
  const items: BatchItem[] = [];
  for (const r of readings) {
    if (r.kind === "task") {
      const task = await ctx.services.store.getTask(plan.id, r.taskNumber);
      if (!task) return reply([{ type: "text", text: await unknownTask(ctx, plan, r.taskNumber) }], { private: true });
      items.push({ task, change: { status: r.status, percent: r.percent, note: r.note } });
    } else {
      const target = targets.find((t) => t.id === r.targetId);
      if (!target) return reply([{ type: "text", text: ctx.t("free.hint") }], { private: true });
      items.push({ target, value: r.value, note: r.note, formatValue: (v) => formatTargetValue(v, target.unit, ctx.locale) });
    }
  }
  return recordBatch(ctx, plan, items, lead);
}

/** No such task in the plan, or one a revised plan removed (read-only, as its card says). */
export async function unknownTask(ctx: CommandContext, plan: PlanSummary, number: string): Promise<string> {
  const removed = await ctx.services.store.getTask(plan.id, number);
  if (removed?.removedAt) {
    const err = removedTask(ctx, { ...removed, removedAt: removed.removedAt });
    return ctx.t(err.key, err.params);
  }
  const range = describeNumbers(await ctx.services.store.listTaskNumbers(plan.id));
  return ctx.t("question.unknownTask", { plan: plan.title, number, range });
}

/** One option as the user sees it: `#7 已完成（缺经费）`, `质押融资 18.6亿元`. */
export function describeReading(ctx: CommandContext, r: Reading, targets: Targets): string {
  if (r.kind === "task") {
    const state = statusLabel(ctx.t, { status: r.status, percent: r.status === "done" ? (r.percent ?? 100) : r.percent });
    return `#${r.taskNumber} ${state}${r.note ? ` · ${r.note}` : ""}`;
  }
  const t = targets.find((x) => x.id === r.targetId);
  return `${t?.name ?? "?"} ${t ? formatTargetValue(r.value, t.unit, ctx.locale) : r.value}${r.note ? ` · ${r.note}` : ""}`;
}

/** Asks back about an ambiguous message and remembers the question; nothing is stored. */
export async function askBack(
  ctx: CommandContext,
  plan: PlanSummary,
  r: Extract<Recognition, { kind: "ambiguous" }>,
  rctx: RecognizeContext,
  targets: Targets,
): Promise<Reply> {
  const say = (s: string, buttons: Button[] = []) =>
    reply([{ type: "text", text: s }, ...(buttons.length ? [{ type: "actions" as const, buttons }] : [])], { private: true });
  const remember = (q: Question) =>
    ctx.services.store.askQuestion(
      { platform: ctx.message.platform, channelId: ctx.message.channelId, userId: ctx.message.userId },
      { ...q, planId: plan.id },
      new Date(ctx.now.getTime() + QUESTION_TTL_MS),
    );
  const number = r.taskNumbers?.[0];
  const target = targets.find((t) => t.id === r.targetIds?.[0]);
  switch (r.question) {
    case "what_progress":
    case "bad_number":
    case "unit_mismatch":
      if (number !== undefined) {
        await remember({ kind: "progress", number });
        return say(ctx.t(r.question === "what_progress" ? "question.whatProgress" : "question.badNumber", { number, text: r.text }));
      }
      if (!target) return say(ctx.t("free.hint"));
      await remember({ kind: "value", targetId: target.id });
      if (r.question === "unit_mismatch") return say(ctx.t("question.unitMismatch", { names: `${target.name} (${target.unit})` }));
      return say(ctx.t("question.badValue", { name: target.name, example: `${formatTargetValue(1000, target.unit, ctx.locale)}` }));
    case "confirm": {
      const options = r.options ?? [];
      await remember({ kind: "confirm", options });
      const items = options.map((o) => describeReading(ctx, o, targets)).join("；");
      return say(ctx.t("question.confirm", { items }), [{ ...action("pick", 1), label: ctx.t("button.record"), command: "确认" }]);
    }
    default: {
      const options = r.options ?? (r.question === "which_target" ? targetOptions(r, rctx, targets) : []);
      if (options.length === 0) return say(ctx.t("free.hint"));
      await remember({ kind: "pick", options });
      const items = options.map((o, i) => `${i + 1}. ${describeReading(ctx, o, targets)}`);
      const buttons = items.map((label, i) => ({ ...action("pick", i + 1), label: label.slice(0, 70), command: `第${i + 1}个` }));
      return say(ctx.t("question.pick", { items: items.join("；") }), buttons);
    }
  }
}

/** `which_target`: the message read once per candidate target, each with its own value. */
function targetOptions(r: Extract<Recognition, { kind: "ambiguous" }>, rctx: RecognizeContext, targets: Targets): Reading[] {
  return targets
    .filter((t) => r.targetIds?.includes(t.id))
    .flatMap((t) => {
      const one = recognizeUpdate(r.text, { ...rctx, taskNumbers: [], targets: [{ id: t.id, name: t.name, unit: t.unit }] });
      return one.kind === "target" ? [one] : [];
    });
}

/** Applies an answer to the open question, or returns null when the text does not answer it. */
export async function answerQuestion(ctx: CommandContext, plan: PlanSummary, payload: unknown, text: string, targets: Targets): Promise<Reply | null> {
  const q = upgrade(payload);
  if (!q) return null;
  // Asked about another plan (the channel was moved since): its tasks are not this plan's, record nothing.
  if (q.planId !== undefined && q.planId !== plan.id) {
    const asked = await ctx.services.store.getPlan(q.planId);
    return reply([{ type: "text", text: ctx.t("question.planChanged", { asked: asked?.title ?? "?", plan: plan.title }) }], { private: true });
  }
  const t = toHalfWidth(text).trim().replace(/[。.!！]+$/, "");
  if (q.kind === "confirm" || q.kind === "pick") {
    if (NO.test(t)) return reply([{ type: "text", text: ctx.t("question.cancelled") }], { private: true });
    if (q.kind === "confirm") return YES.test(t) ? applyReadings(ctx, plan, q.options, targets) : null;
    const chosen = pick(q.options, t);
    return chosen ? applyReadings(ctx, plan, [chosen], targets) : null;
  }
  if (q.kind === "progress") {
    const refs = findTaskReferences(prepare(t).norm);
    if (refs.some((r) => String(r.number) !== String(Number(q.number)))) return null;
    const bare = /^(\d{1,3})$/.exec(t);
    const as = bare && Number(bare[1]) <= 100 ? `${bare[1]}%` : t;
    const r = recognizeUpdate(`#${q.number} ${as}`, { taskNumbers: [q.number], targets: [] });
    return r.kind === "task" ? applyReadings(ctx, plan, [r], targets) : null;
  }
  const target = targets.find((x) => x.id === q.targetId);
  if (!target) return null;
  const r = recognizeUpdate(`${target.name} ${t}`, { taskNumbers: [], targets: [{ id: target.id, name: target.name, unit: target.unit }] });
  return r.kind === "target" ? applyReadings(ctx, plan, [r], targets) : null;
}

/** `第一个` / `1` (position), `7` / `#7` / `任务7` (the task), `完成` / `60%` (the one option saying so). */
function pick(options: Reading[], t: string): Reading | null {
  const ordinal = /^第\s*(\S{1,3}?)\s*(?:个|個)$|^(?:option\s*)?(\d{1,2})$/i.exec(t);
  const position = ordinal ? parseChineseInteger(ordinal[1] ?? ordinal[2] ?? "") : null;
  const tasks = options.filter((o) => o.kind === "task");
  const number = parseChineseInteger(t.replace(/^(?:#|任务|任務|task\s*)/i, "").replace(/(?:号|號)$/, ""));
  if (number !== null && !/^第/.test(t)) {
    const same = tasks.filter((o) => Number(o.taskNumber) === number);
    if (same.length === 1) return same[0]!;
    if (same.length > 1) return null;
  }
  if (position !== null) return options[position - 1] ?? null;
  const r = recognizeUpdate(`#1 ${t}`, { taskNumbers: ["1"], targets: [] });
  if (r.kind !== "task") return null;
  const fits = tasks.filter((o) => o.status === r.status && (r.percent === null || o.percent === r.percent));
  return fits.length === 1 ? fits[0]! : null;
}

/** Questions asked before batches (`which_task` / `which_target` payloads) still answer. */
function upgrade(payload: unknown): Question | null {
  const p = payload as { kind?: string; options?: Record<string, unknown>[]; number?: string; targetId?: number } | null;
  if (!p || typeof p !== "object") return null;
  if (p.kind === "pick" || p.kind === "confirm" || p.kind === "progress" || p.kind === "value") return p as Question;
  if (p.kind === "which_task" && Array.isArray(p.options)) {
    return { kind: "pick", options: p.options.map((o) => ({ kind: "task", taskNumber: String(o.number), status: o.status, percent: o.percent ?? null, note: o.note ?? null }) as Reading) };
  }
  if (p.kind === "which_target" && Array.isArray(p.options)) {
    return { kind: "pick", options: p.options.map((o) => ({ kind: "target", targetId: Number(o.targetId), value: Number(o.value), note: (o.note as string) ?? null })) };
  }
  return null;
}
