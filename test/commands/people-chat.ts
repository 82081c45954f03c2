import { commands } from "../../commands/index.ts";
import admin from "../../commands/admin.ts";
import lang from "../../commands/lang.ts";
import me from "../../commands/me.ts";
import owner from "../../commands/owner.ts";
import whois from "../../commands/whois.ts";
import { formatReplyText } from "../../src/adapters/console/format.ts";
import type { Services } from "../../src/core/command.ts";
import type { IncomingMessage } from "../../src/core/context.ts";
import { createDispatcher } from "../../src/core/dispatcher.ts";
import { translator } from "../../src/core/i18n/index.ts";

export const ADMINS = ["console:admin", "slack:UADMIN", "discord:900000000000000001"];

/**
 * A dispatcher with the people commands (whether or not commands/index.ts lists them yet). Sends as
 * someone; returns the replies as plain text and as the raw reply JSON (mention tokens).
 */
export function people(services: Services, defaults: Partial<IncomingMessage>) {
  const mine = [owner, whois, me, lang, admin];
  const others = commands.filter((c) => !mine.some((m) => m.name === c.name));
  const dispatcher = createDispatcher({ commands: [...others, ...mine], services });
  let seq = 0;
  return async (text: string, extra: Partial<IncomingMessage> = {}) => {
    const replies = await dispatcher.handle({
      platform: "console",
      channelId: "c",
      userId: "alice",
      userName: "Alice",
      messageId: `m${++seq}`,
      text,
      ...defaults,
      ...extra,
    });
    return { text: replies.map((r) => formatReplyText(r, translator("zh-CN"))).join("\n"), raw: JSON.stringify(replies), replies };
  };
}
