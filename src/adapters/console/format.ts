import type { Block, Reply } from "../../core/reply.ts";
import { renderMentions } from "../../core/reply.ts";
import { translator, type Translator } from "../../core/i18n/index.ts";

const plain = (text: string) => renderMentions(text, (m) => `@${m.name}`);

function renderBlock(block: Block, t: Translator, colon: string): string[] {
  switch (block.type) {
    case "header":
      return [`【${plain(block.text)}】`];
    case "text":
      return [plain(block.text)];
    case "fields":
      return block.fields.map((f) => `${f.label}${colon}${plain(f.value)}`);
    case "list":
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : "•"} ${plain(item)}`);
    case "context":
      return [`  ${plain(block.text)}`];
    case "divider":
      return ["────────"];
    case "actions":
      return [block.buttons.map((b) => `[${b.label}] ${t("button.commandHint", { command: b.command })}`).join("  ")];
  }
}

/**
 * Renders a neutral reply as plain text lines for a terminal or a pipe, in the reply's own
 * language when it carries one (else `t`'s).
 */
export function formatReplyText(reply: Reply, t: Translator): string {
  const tr = reply.locale ? translator(reply.locale) : t;
  const colon = reply.locale === "en" ? ": " : "：";
  return reply.blocks.flatMap((b) => renderBlock(b, tr, colon)).join("\n");
}
