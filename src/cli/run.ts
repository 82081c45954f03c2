import os from "node:os";
import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { createConsoleAdapter } from "../adapters/console/console-adapter.ts";
import { createDiscordAdapter } from "../adapters/discord/discord-adapter.ts";
import { createDiscordPoster } from "../adapters/discord/poster.ts";
import { createSlackAdapter } from "../adapters/slack/slack-adapter.ts";
import { createSlackPoster } from "../adapters/slack/poster.ts";
import type { Adapter } from "../adapters/types.ts";
import { createConsolePoster } from "../adapters/console/poster.ts";
import { createDubanApp, type DubanApp } from "../app/app.ts";
import { phase } from "../app/phases.ts";
import { startScheduling } from "../app/scheduling.ts";
import type { Poster } from "../scheduler/types.ts";
import { parseLocale, translator, type Locale } from "../core/i18n/index.ts";
import type { StartStep } from "../app/seed.ts";
import { consoleWelcome } from "./console-welcome.ts";

/** `duban start`: every adapter with credentials; the console when there are none. */
export async function runStart(env: Env, logger: Logger): Promise<number> {
  if (!env.SLACK_BOT_TOKEN && !env.DISCORD_TOKEN) return runConsole(env, logger, {});
  const app = await createDubanApp({ env, logger });
  try {
    const { adapters, posters } = platformAdapters(env, app, logger);
    const never = new Promise<void>(() => undefined);
    return await runUntilDone(app, adapters, never, logger, posters);
  } finally {
    await app.close();
  }
}

/** The adapters with credentials, and a poster for each, for scheduled digests and reminders. */
function platformAdapters(env: Env, app: DubanApp, logger: Logger): { adapters: Adapter[]; posters: Record<string, Poster> } {
  const adapters: Adapter[] = [];
  const posters: Record<string, Poster> = {};
  if (env.SLACK_BOT_TOKEN) {
    const slack = createSlackAdapter({
      botToken: env.SLACK_BOT_TOKEN,
      appToken: env.SLACK_APP_TOKEN,
      signingSecret: env.SLACK_SIGNING_SECRET,
      port: env.PORT,
      apiUrl: env.SLACK_API_URL,
      services: app.services,
      dispatcher: app.dispatcher,
      logger: logger.child({ adapter: "slack" }),
    });
    adapters.push(slack);
    posters.slack = createSlackPoster(slack, { logger: logger.child({ adapter: "slack", component: "poster" }) });
  }
  if (env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID) {
    const discord = createDiscordAdapter({
      token: env.DISCORD_TOKEN,
      applicationId: env.DISCORD_APPLICATION_ID,
      guildId: env.DISCORD_GUILD_ID,
      apiUrl: env.DISCORD_API_URL,
      messageContent: env.DISCORD_MESSAGE_CONTENT,
      services: app.services,
      dispatcher: app.dispatcher,
      commands: app.dispatcher.registry.commands,
      logger: logger.child({ adapter: "discord" }),
    });
    adapters.push(discord);
    posters.discord = createDiscordPoster(discord, { codec: discord.codec, logger: logger.child({ adapter: "discord", component: "poster" }) });
  }
  return { adapters, posters };
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
  const interactive = Boolean(process.stdin.isTTY);
  const t = translator(locale ?? env.DUBAN_LOCALE);
  const app = await createDubanApp({
    env,
    logger,
    extraAdmins: [`console:${userId}`],
    ...(interactive ? { onProgress: (step: StartStep) => void process.stderr.write(`${t("console.seeding", { dir: step.seedDir })}\n`) } : {}),
  });
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
      interactive,
      userId,
      userName: userId,
      locale: locale ?? env.DUBAN_LOCALE,
      forceLocale: locale,
      ...(interactive ? { welcome: await consoleWelcome(app.store, t) } : {}),
    });
    const posters = { console: createConsolePoster(process.stdout, locale ?? env.DUBAN_LOCALE) };
    return await runUntilDone(app, [adapter], adapter.done, logger, posters);
  } finally {
    await app.close();
  }
}

/**
 * Starts the adapters, then the scheduler (digests and reminders through `posters`), and runs
 * until `done` or SIGINT/SIGTERM; then stops the scheduler and the adapters (each finishes its
 * in-flight work) before the caller closes the store. A start failure (a rejected token) stops
 * what did start and exits 1.
 */
async function runUntilDone(app: DubanApp, adapters: Adapter[], done: Promise<void>, logger: Logger, posters: Record<string, Poster>): Promise<number> {
  const started: Adapter[] = [];
  for (const a of adapters) {
    try {
      await a.start();
      started.push(a);
    } catch (err) {
      // One line naming the platform and the reason; the others still start.
      logger.error({ err: (err as Error).message, adapter: a.name }, "an adapter failed to start");
      process.stderr.write(`duban: ${a.name} could not start: ${(err as Error).message}\n`);
      await a.stop().catch(() => undefined);
    }
  }
  if (!started.length) {
    process.stderr.write("duban: no platform could start\n");
    return 1;
  }
  phase("adapters started");
  const scheduling = await startScheduling(app, posters, logger);
  phase("scheduler started");
  logger.info({ adapters: adapters.map((a) => a.name), store: app.db.location }, "duban started");
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  const stopped = new Promise<void>((resolve) => {
    onSignal = (signal) => {
      logger.info({ signal }, "shutting down: finishing in-flight work");
      resolve();
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  await Promise.race([done, stopped]);
  if (onSignal) {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  await scheduling.stop().catch((err) => logger.warn({ err: (err as Error).message }, "scheduler stop failed"));
  await scheduling.stop().catch((err) => logger.warn({ err: (err as Error).message }, "scheduler stop failed"));
  for (const a of started.reverse()) await a.stop().catch((err) => logger.warn({ err: (err as Error).message, adapter: a.name }, "adapter stop failed"));
  return 0;
}
