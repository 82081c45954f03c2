import type { types } from "@slack/bolt";
import { replacesItsMessage } from "../../core/paging.ts";
import type { Button, FormField, ReplyForm } from "../../core/reply.ts";
import { splitText, toMrkdwn, toPlain } from "./text.ts";

/** The callback id of every modal this adapter opens. */
export const FORM_CALLBACK_ID = "duban:form";
const BUTTON_VALUE_MAX = 2000;
const MODAL = { title: 24, submit: 24, label: 2000, placeholder: 150, options: 100, optionText: 75, optionValue: 150, metadata: 3000 };

export interface ButtonValue {
  command: string;
  form?: ReplyForm;
  /** A paging button: its answer replaces the message it was on. */
  page?: boolean;
}

/**
 * What a button carries back on click: its command, and its form when one fits in Slack's
 * 2,000-character value (a form that does not fit degrades to running the bare command).
 */
export function encodeButtonValue(button: Button): string {
  const p = replacesItsMessage(button) ? { p: 1 } : {};
  if (button.form) {
    const full = JSON.stringify({ c: button.command, f: button.form, ...p });
    if (full.length <= BUTTON_VALUE_MAX) return full;
  }
  const bare = JSON.stringify({ c: button.command, ...p });
  return bare.length <= BUTTON_VALUE_MAX ? bare : JSON.stringify({ c: button.command.slice(0, BUTTON_VALUE_MAX - 24), ...p });
}

export function decodeButtonValue(value: string | undefined): ButtonValue | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as { c?: unknown; f?: unknown; p?: unknown };
    if (typeof v.c !== "string" || !v.c.trim()) return null;
    const form = v.f as ReplyForm | undefined;
    const formOk = form && typeof form.command === "string" && Array.isArray(form.fields);
    return { command: v.c, ...(formOk ? { form } : {}), ...(v.p === 1 ? { page: true } : {}) };
  } catch {
    return null;
  }
}

/** Where the answers of a modal go once it is submitted (kept in the view's private_metadata). */
export interface FormContext {
  template: string;
  channelId: string;
  responseUrl?: string;
  threadTs?: string;
}

export function encodeFormContext(ctx: FormContext): string {
  const full = JSON.stringify({ m: ctx.template, c: ctx.channelId, r: ctx.responseUrl, t: ctx.threadTs });
  return full.length <= MODAL.metadata ? full : JSON.stringify({ m: ctx.template, c: ctx.channelId, t: ctx.threadTs });
}

export function decodeFormContext(metadata: string | undefined): FormContext | null {
  try {
    const v = JSON.parse(metadata ?? "") as { m?: unknown; c?: unknown; r?: unknown; t?: unknown };
    if (typeof v.m !== "string" || typeof v.c !== "string") return null;
    return {
      template: v.m,
      channelId: v.c,
      ...(typeof v.r === "string" ? { responseUrl: v.r } : {}),
      ...(typeof v.t === "string" ? { threadTs: v.t } : {}),
    };
  } catch {
    return null;
  }
}

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);
const plain = (text: string, n: number): types.PlainTextElement => ({ type: "plain_text", text: clip(toPlain(text), n), emoji: true });

function inputElement(field: FormField): types.InputBlockElement {
  const options = field.options ?? [];
  const selectable =
    field.kind === "select" &&
    options.length > 0 &&
    options.length <= MODAL.options &&
    options.every((o) => o.value.length <= MODAL.optionValue);
  const placeholder = field.placeholder && field.placeholder.length <= MODAL.placeholder ? plain(field.placeholder, MODAL.placeholder) : undefined;
  if (selectable) {
    return {
      type: "static_select",
      action_id: "value",
      options: options.map((o) => ({ text: plain(o.label, MODAL.optionText), value: o.value })),
      ...(placeholder ? { placeholder } : {}),
    };
  }
  return { type: "plain_text_input", action_id: "value", multiline: Boolean(field.multiline), ...(placeholder ? { placeholder } : {}) };
}

function hintFor(field: FormField): string | undefined {
  const parts: string[] = [];
  if (field.placeholder && field.placeholder.length > MODAL.placeholder) parts.push(field.placeholder);
  const options = field.options ?? [];
  if (field.kind === "select" && options.length > 0 && inputElement(field).type !== "static_select") {
    parts.push(options.map((o) => (o.label === o.value ? o.value : `${o.value} = ${o.label}`)).join(" · "));
  }
  return parts.length ? clip(toPlain(parts.join("\n")), MODAL.label) : undefined;
}

/**
 * A modal with one input per form field. A title longer than Slack's 24 characters is shown in
 * full at the top of the modal.
 */
export function buildModal(form: ReplyForm, ctx: FormContext, closeLabel: string): types.ModalView {
  const blocks: types.KnownBlock[] = [];
  if (toPlain(form.title).length > MODAL.title) {
    for (const t of splitText(`*${toMrkdwn(form.title)}*`, 3000)) blocks.push({ type: "section", text: { type: "mrkdwn", text: t } });
  }
  for (const field of form.fields.slice(0, 100 - blocks.length)) {
    const hint = hintFor(field);
    blocks.push({
      type: "input",
      block_id: `field:${field.id}`,
      label: plain(field.label, MODAL.label),
      optional: !field.required,
      element: inputElement(field),
      ...(hint ? { hint: { type: "plain_text", text: hint } } : {}),
    });
  }
  return {
    type: "modal",
    callback_id: FORM_CALLBACK_ID,
    title: plain(form.title, MODAL.title),
    submit: plain(form.submitLabel, MODAL.submit),
    close: plain(closeLabel, MODAL.submit),
    private_metadata: encodeFormContext(ctx),
    blocks,
  };
}

type StateValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

/** The answers of a submitted modal, by field id. */
export function readAnswers(values: StateValues): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    if (!blockId.startsWith("field:")) continue;
    const state = actions.value;
    const answer = state?.selected_option?.value ?? state?.value ?? "";
    answers[blockId.slice("field:".length)] = answer.trim();
  }
  return answers;
}

