import os from "node:os";
import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { createConsoleAdapter } from "../adapters/console/console-adapter.ts";
import type { Adapter } from "../adapters/types.ts";
import { createDubanApp, type DubanApp } from "../app/app.ts";
import { parseLocale, type Locale } from "../core/i18n/index.ts";

/** `duban start`: every adapter with credentials; the console when there are none. */
export async function runStart(env: Env, logger: Logger): Promise<number> {
  const platforms: string[] = [];
  if (env.SLACK_BOT_TOKEN) platforms.push("slack");
  if (env.DISCORD_TOKEN) platforms.push("discord");
  if (!platforms.length) return runConsole(env, logger, {});
  logger.error({ platforms }, "platform adapters are not available in this build yet");
  return 1;
}

export interface ConsoleFlags {
  plan?: string;
  as?: string;
  lang?: string;
}

export async function runConsole(env: Env, logger: Logger, flags: ConsoleFlags): Promise<number> {
  let locale: Locale | undefined;
  if (flags.lang !== undefined) {
    const parsed = parseLocale(flags.lang);
    if (!parsed) {
      process.stderr.write(`duban: --lang must be zh-CN, zh-TW or en (got "${flags.lang}")\n`);
      return 2;
    }
    locale = parsed;
  }
  const userId = flags.as?.trim() || os.userInfo().username || "console";
  const app = await createDubanApp({ env, logger, extraAdmins: [`console:${userId}`] });
  try {
    if (flags.plan !== undefined) {
      const matches = await app.store.findPlans(flags.plan);
      if (matches.length !== 1) {
        process.stderr.write(
          matches.length
            ? `duban: --plan "${flags.plan}" matches several plans: ${matches.map((p) => p.slug).join(", ")}\n`
            : `duban: --plan "${flags.plan}" matches no plan\n`,
        );
        return 2;
      }
      await app.store.updateChannel("console", "console", { planId: matches[0]!.id });
    }
    const adapter = createConsoleAdapter({
      dispatcher: app.dispatcher,
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
      userId,
      userName: userId,
      locale: locale ?? env.DUBAN_LOCALE,
      forceLocale: locale,
    });
    await runUntilDone(app, [adapter], adapter.done, logger);
    return 0;
  } finally {
    await app.close();
  }
}

/** Runs adapters until `done` resolves or SIGINT/SIGTERM, then stops them before the store closes. */
async function runUntilDone(app: DubanApp, adapters: Adapter[], done: Promise<void>, logger: Logger): Promise<void> {
  for (const a of adapters) await a.start();
  logger.info({ adapters: adapters.map((a) => a.name), store: app.db.location }, "duban started");
  const stopped = new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, "shutting down");
      resolve();
    };
    process.once("SIGINT", () => stop("SIGINT"));
    process.once("SIGTERM", () => stop("SIGTERM"));
  });
  await Promise.race([done, stopped]);
  for (const a of adapters) await a.stop();
}
