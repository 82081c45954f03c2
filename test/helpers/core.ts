import { commands } from "../../commands/index.ts";
import { platformDirectory } from "../../src/adapters/registry.ts";
import { manualClock } from "../../src/core/clock.ts";
import type { Services } from "../../src/core/command.ts";
import type { IncomingMessage } from "../../src/core/context.ts";
import { createConversation } from "../../src/core/conversation.ts";
import { createDispatcher, type Dispatcher } from "../../src/core/dispatcher.ts";
import type { Reply } from "../../src/core/reply.ts";
import { formatReplyText } from "../../src/adapters/console/format.ts";
import { translator } from "../../src/core/i18n/index.ts";
import { createStore } from "../../src/store/index.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import type { Database } from "../../src/store/database.ts";

export interface LogLine {
  level: string;
  obj: object;
  msg?: string;
}

/** A logger that keeps every line, for asserting on what was (and was not) logged. */
export function captureLog() {
  const lines: LogLine[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, log: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") } };
}

export function testServices(db: Database, overrides: Partial<Services> = {}) {
  const captured = captureLog();
  const services: Services = {
    store: createStore(db),
    schedules: createScheduleStore(db),
    clock: manualClock("2026-11-20T02:00:00Z"),
    log: captured.log,
    platforms: platformDirectory,
    settings: { admins: ["console:admin"], defaultLocale: "zh-CN", timezone: "Asia/Shanghai", staleDays: 14 },
    ...overrides,
  };
  return { services, logLines: captured.lines };
}

/** Sends text as a console user and returns the replies rendered as plain text. */
export function chat(dispatcher: Dispatcher, defaults: Partial<IncomingMessage> = {}) {
  let seq = 0;
  return async (text: string, extra: Partial<IncomingMessage> = {}): Promise<string> => {
    const replies: Reply[] = await dispatcher.handle({
      platform: "console",
      channelId: "console",
      userId: "alice",
      userName: "Alice",
      messageId: `m${++seq}-${Math.random()}`,
      text,
      ...defaults,
      ...extra,
    });
    return replies.map((r) => formatReplyText(r, translator("zh-CN"))).join("\n---\n");
  };
}

export function testDispatcher(services: Services): Dispatcher {
  return createDispatcher({ commands, services, freeText: createConversation() });
}
