import type { CommandDefinition } from "../../core/command.ts";

/** The umbrella command that reaches every command without native slash metadata. */
export const UMBRELLA = "duban";

/** Quotes a value with white space so it stays one argument (the last one may stay bare). */
function argument(value: string, last: boolean): string {
  if (last || !/\s/.test(value)) return value;
  return value.includes('"') ? `「${value}」` : `"${value}"`;
}

/**
 * Rebuilds the text command from a native slash command: `/name <opt1> <opt2> …` in the
 * definition's option order, empty ones left out.
 */
export function slashText(definition: CommandDefinition, value: (name: string) => string | number | boolean | undefined | null): string {
  const values = (definition.slash?.options ?? [])
    .map((o) => value(o.name))
    .filter((v): v is string | number | boolean => v !== undefined && v !== null && String(v).trim() !== "")
    .map((v) => String(v).trim());
  return [`/${definition.name}`, ...values.map((v, i) => argument(v, i === values.length - 1))].join(" ");
}

/** `/duban text: tasks 2` → `/tasks 2`; an empty umbrella asks for help. */
export function umbrellaText(text: string | null | undefined): string {
  const rest = (text ?? "").trim().replace(/^[/!！／]\s*/, "");
  return rest ? `/${rest}` : "/help";
}

/**
 * The text of a message addressed to the bot: its own mention (`<@id>`, `<@!id>`) removed
 * wherever it stands, white space trimmed.
 */
export function messageText(content: string, botId: string): string {
  return content
    .replace(new RegExp(`<@!?${botId}>`, "g"), " ")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
}

/**
 * The conversation a message belongs to, for the plan and the settings: a thread counts as its
 * parent channel, so threads under a bound channel share its plan.
 */
export function conversationId(channel: { isThread(): boolean; parentId?: string | null } | null | undefined, channelId: string): string {
  return (channel?.isThread() && channel.parentId) || channelId;
}
