import type { Locale } from "./i18n/index.ts";

/**
 * What a button does. Adapters read `Button.kind` (a paging button's answer replaces the page it
 * was on); they never parse action id strings.
 */
export type ActionKind = "undo" | "done" | "update" | "task" | "history" | "page" | "pick" | "pick-target" | "remind-done" | "remind-update" | "target-report" | "target-pick" | "import-confirm" | "import-cancel" | "digest-full" | "echo";

/** A button's typed identity: its kind, and the stable platform action id built from it. */
export function action(kind: ActionKind, ...parts: (string | number)[]): { kind: ActionKind; actionId: string } {
  return { kind, actionId: ["duban", kind, ...parts].join(":") };
}

/**
 * A button: a stable action id for the platform, and the text command that does the same. Made
 * with `{ ...action(kind, …), label, command }`; no code builds or parses id strings itself.
 */
export interface Button {
  actionId: string;
  /** What it does (see {@link action}); a button without one just runs its command. */
  kind?: ActionKind;
  label: string;
  /** The command this button runs, as a user could type it (`/undo 42`). */
  command: string;
  style?: "primary" | "danger";
  /** When set, the platform opens a form (modal) first; its answers complete the command. */
  form?: ReplyForm;
}

export interface ReplyForm {
  title: string;
  submitLabel: string;
  fields: FormField[];
  /** Command template: `{field}` placeholders are replaced with the answers (`/update 7 {progress} {note}`). */
  command: string;
}

export interface FormField {
  id: string;
  label: string;
  kind: "text" | "select";
  required: boolean;
  placeholder?: string;
  options?: { value: string; label: string }[];
  multiline?: boolean;
}

export type Block =
  | { type: "header"; text: string }
  | { type: "text"; text: string }
  | { type: "fields"; fields: { label: string; value: string }[] }
  | { type: "list"; items: string[]; ordered?: boolean }
  | { type: "context"; text: string }
  | { type: "divider" }
  | { type: "actions"; buttons: Button[] };

/**
 * A file sent with a reply (a spreadsheet export, a chart). Each adapter delivers it as its
 * platform allows: an upload or an attachment where it can, otherwise a file written to disk
 * and its path (or a link) shown in the text. Nothing is dropped silently.
 */
export interface ReplyFile {
  /** File name with its extension (`duban-shenzhen-2020-11-20.xlsx`). */
  name: string;
  mime: string;
  data: Uint8Array;
  /** A title shown with it where the platform has one. */
  title?: string;
}

/**
 * A platform-neutral reply. Text may carry mention tokens made by {@link mention}; each
 * adapter renders them its own way.
 */
export interface Reply {
  blocks: Block[];
  /** Only the asker sees it (errors, denials, previews). */
  private?: boolean;
  /** The language it was written in (set by the dispatcher), for the adapter's own words. */
  locale?: Locale;
  /** Files sent after the reply's text (see {@link ReplyFile}). */
  files?: ReplyFile[];
}

const MENTION = /<@([a-z]+):([^|>]+)\|([^>]*)>/g;

/** A neutral mention token: `<@platform:U123|张三>`. */
export function mention(platform: string, userId: string, name: string): string {
  return `<@${platform}:${userId}|${name.replace(/[<>|]/g, "")}>`;
}

/** Replaces mention tokens using the adapter's renderer. */
export function renderMentions(
  text: string,
  render: (m: { platform: string; userId: string; name: string }) => string,
): string {
  return text.replace(MENTION, (_, platform: string, userId: string, name: string) => render({ platform, userId, name }));
}

/** Plain one-line summary of a reply (notifications, logs, fallbacks). */
export function replySummary(reply: Reply): string {
  for (const b of reply.blocks) {
    if (b.type === "header" || b.type === "text") return renderMentions(b.text, (m) => `@${m.name}`);
  }
  return "";
}

export function reply(blocks: Block[], options: { private?: boolean } = {}): Reply {
  return options.private ? { blocks, private: true } : { blocks };
}

/**
 * The command a submitted form runs: `{field}` placeholders filled in one pass (answers are
 * never re-scanned), an empty answer removes its placeholder, runs of spaces collapse.
 */
export function fillFormCommand(template: string, answers: Record<string, string>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, id: string) => (answers[id] ?? "").trim())
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}
