import { z } from "zod";
import { defineCommand, type CommandContext, type CommandDefinition, type Right } from "../src/core/command.ts";
import { RIGHT_TEXT } from "../src/core/permissions.ts";
import type { Locale } from "../src/core/i18n/index.ts";
import { reply } from "../src/core/reply.ts";
import { toSimplified, toTraditional } from "../src/core/text/script.ts";

/** Generated from the command definitions: names, aliases, one line each, and usage on request. */
export default defineCommand({
  name: "help",
  aliases: ["帮助", "幫助", "h", "?"],
  permission: { right: "anyone" },
  summary: "cmd.help.summary",
  usage: "cmd.help.usage",
  example: "/help task",
  args: z.object({ text: z.string() }),
  async run(ctx, { text }) {
    const word = text.trim().replace(/^[/!]/, "").toLowerCase();
    if (word) {
      const command = ctx.commands.find((c) => c.name === word || c.aliases.some((a) => a.toLowerCase() === word));
      if (!command) return reply([{ type: "text", text: ctx.t("help.unknown", { name: word }) + " " + ctx.t("help.detailHint") }], { private: true });
      return reply([
        { type: "header", text: `/${command.name}` },
        { type: "text", text: ctx.t(command.summary) },
        {
          type: "fields",
          fields: [
            { label: ctx.t("help.usage"), value: ctx.t(command.usage) },
            ...(command.aliases.length ? [{ label: ctx.t("help.aliases"), value: command.aliases.join(" · ") }] : []),
            { label: ctx.t("help.who"), value: whoCanUse(ctx, command) },
          ],
        },
      ]);
    }
    const visible = ctx.commands.filter((c) => !c.hidden);
    return reply([
      { type: "header", text: ctx.t("help.title") },
      { type: "text", text: ctx.t("help.intro") },
      {
        type: "list",
        items: visible.map((c) => {
          const zh = chineseAlias(c.aliases, ctx.locale);
          return `/${c.name}${zh ? ` (${zh})` : ""} — ${ctx.t(c.summary)}`;
        }),
      },
      { type: "context", text: ctx.t("help.detailHint") },
    ]);
  },
});

/**
 * The Chinese alias in the reader's script: `任務` for zh-TW, `任务` otherwise. A command's first
 * Chinese alias is its Simplified one (test/core/registry.test.ts), so the default listing needs
 * no script conversion (building OpenCC's converter costs the first `/help` about 25 ms of CPU).
 */
function chineseAlias(aliases: readonly string[], locale: Locale): string | undefined {
  const chinese = aliases.filter((a) => /[\u4e00-\u9fff]/.test(a));
  if (locale !== "zh-TW") return chinese[0];
  // The cheaper converter first: Traditional → Simplified changes a Traditional alias.
  return chinese.find((a) => toSimplified(a) !== a || toTraditional(a) === a) ?? chinese[0];
}

/** Who may run a command, from its declared permission: one line per subcommand that differs. */
function whoCanUse(ctx: CommandContext, command: CommandDefinition): string {
  const p = command.permission;
  if ("right" in p) return ctx.t(RIGHT_TEXT[p.right]);
  const words = new Map<Right, string[]>();
  for (const [word, rule] of Object.entries(p.rules)) {
    if (word === "*") continue;
    words.set(rule.right, [...(words.get(rule.right) ?? []), word]);
  }
  const lines = [...words].map(([right, ws]) => ctx.t("help.whoLine", { command: `/${command.name} ${ws.join(" / ")}`, who: ctx.t(RIGHT_TEXT[right]) }));
  lines.push(ctx.t("help.whoLine", { command: `/${command.name}`, who: ctx.t(RIGHT_TEXT[p.rules["*"].right]) }));
  return lines.join("\n");
}
