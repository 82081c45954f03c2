import type { CommandContext, CommandDefinition } from "./command.ts";
import { UsageError } from "./errors.ts";
import { MESSAGES, type MessageKey } from "./i18n/index.ts";
import { splitArgs } from "./input.ts";

/** What zod reports about one argument, as far as the wording needs it. */
export interface ArgIssue {
  code: string;
  path: readonly PropertyKey[];
  message: string;
}

const clip = (s: string) => (s.length > 30 ? `${s.slice(0, 29)}…` : s);

/**
 * Turns a failed argument parse into words the user knows: what was wrong (schemas name an
 * `arg.*` message; a bad action word or an empty argument are recognised here), then the usage
 * line and an example. Internal field names never reach the reply.
 */
export function argumentError(ctx: CommandContext, command: CommandDefinition, rest: string, raw: unknown, issues: readonly ArgIssue[]): UsageError {
  const issue = issues[0];
  const firstWord = splitArgs(rest)[0] ?? "";
  let key: MessageKey = rest.trim() ? "arg.unrecognized" : "arg.missing";
  let value = clip(rest.trim());
  if (issue) {
    const field = issue.path[0];
    const given = raw && typeof raw === "object" && typeof field === "string" ? (raw as Record<string, unknown>)[field] : undefined;
    const givenText = typeof given === "string" ? given.trim() : "";
    if (issue.message.startsWith("arg.") && issue.message in MESSAGES["zh-CN"]) {
      key = issue.message as MessageKey;
      value = clip(givenText || value);
      const missing = `${key}Missing`;
      if (!value && missing in MESSAGES["zh-CN"]) key = missing as MessageKey;
    } else if (issue.code === "invalid_value" && firstWord) {
      // An action word the command does not know (`/plan delete`, `/digest foo`).
      key = "arg.action";
      value = clip(firstWord);
    }
  }
  const detail = ctx.t(key, { value });
  const usage = ctx.t(command.usage) + (command.example ? `\n${ctx.t("error.example", { example: command.example })}` : "");
  return new UsageError("error.badArgs", { detail, usage });
}
