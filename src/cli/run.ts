import os from "node:os";
import path from "node:path";
import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { createConsoleAdapter } from "../adapters/console/console-adapter.ts";
import type { Adapter } from "../adapters/contract.ts";
import { createAdapters } from "../adapters/registry.ts";
import { createDubanApp, type DubanApp } from "../app/app.ts";
import { phase } from "../app/phases.ts";
import { startSchedulingWhenReachable } from "../app/scheduling.ts";
import { startShutdownWatchdog, type ShutdownWatchdog } from "../app/shutdown.ts";
import { startInBackground, watchFirstAnswer } from "../app/background.ts";
import { startInboxResume } from "../app/inbox.ts";
import type { Poster } from "../scheduler/types.ts";
import { consoleText } from "../adapters/console/catalog.ts";
import { parseLocale, type Locale } from "../core/i18n/index.ts";
import type { StartStep } from "../app/seed.ts";
import { consoleWelcome } from "./console-welcome.ts";

/** `duban start`: every platform configured in the environment; the console when there is none. */
export async function runStart(env: Env, logger: Logger): Promise<number> {
  if (!env.platforms.length) return runConsole(env, logger, {});
  const app = await createDubanApp({ env, logger });
  try {
    const { inbound, answered } = watchFirstAnswer(app.inbound);
    const adapters = await createAdapters(env.platforms, (name) => ({
      services: app.services,
      dispatcher: app.dispatcher,
      inbound,
      commands: app.dispatcher.registry.commands,
      logger: logger.child({ adapter: name }),
    }));
    const never = new Promise<void>(() => undefined);
    return await runUntilDone(app, adapters, { done: never, answered }, logger, env.DUBAN_SHUTDOWN_TIMEOUT_MS);
  } finally {
    await app.close();
  }
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
  const t = consoleText(locale ?? env.DUBAN_LOCALE);
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
    const { inbound, answered } = watchFirstAnswer(app.inbound);
    const adapter = createConsoleAdapter({
      dispatcher: app.dispatcher,
      inbound,
      input: process.stdin,
      output: process.stdout,
      interactive,
      userId,
      userName: userId,
      locale: locale ?? env.DUBAN_LOCALE,
      forceLocale: locale,
      filesDir: path.join(env.DUBAN_DATA_DIR, "files"),
      ...(interactive ? { welcome: await consoleWelcome(app.store, t), historyFile: path.join(env.DUBAN_DATA_DIR, "console-history") } : {}),
    });
    return await runUntilDone(app, [adapter], { done: adapter.done, answered }, logger, env.DUBAN_SHUTDOWN_TIMEOUT_MS);
  } finally {
    await app.close();
  }
}

/**
 * Starts the adapters, then (once the first message was answered, or after BACKGROUND_START_MS)
 * the inbox's resume pass and the scheduler (digests and reminders through each adapter's poster),
 * and runs until `done` or SIGINT/SIGTERM; then stops the scheduler and the adapters (each finishes
 * its in-flight work) before the caller closes the store. After a signal all of that, closing the store
 * included, gets `shutdownMs`; then the process exits anyway (src/app/shutdown.ts). A start failure
 * (a rejected token) stops what did start and exits 1.
 */
async function runUntilDone(app: DubanApp, adapters: Adapter[], run: { done: Promise<void>; answered: Promise<void> }, logger: Logger, shutdownMs: number): Promise<number> {
  const posters: Record<string, Poster> = Object.fromEntries(adapters.map((a) => [a.name, a.poster]));
  // Installed before anything starts: a SIGTERM during start-up (catch-up digests may be posting)
  // still shuts down in order instead of killing the process mid-write.
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  let watchdog: ShutdownWatchdog | undefined;
  const stopped = new Promise<void>((resolve) => {
    onSignal = (signal) => {
      logger.info({ signal, boundMs: shutdownMs }, "shutting down: finishing in-flight work");
      watchdog = startShutdownWatchdog(shutdownMs, logger);
      resolve();
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });

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
    if (onSignal) {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    return 1;
  }
  phase("adapters started");
  logger.info({ adapters: adapters.map((a) => a.name), store: app.db.location }, "duban started");
  // Work no message waits for comes after the first answer: events stored before a crash but
  // never handled (answered through the posters), then the scheduler's catch-up and cron tasks.
  const background = startInBackground(async (signal) => {
    const inbox = startInboxResume(app.inbound, Object.fromEntries(started.map((a) => [a.name, a.poster])), logger, app.inboxLeaseMs / 2);
    const scheduling = await startSchedulingWhenReachable(app, posters, logger, signal);
    if (scheduling) phase("scheduler started");
    return { inbox, scheduling };
  }, run);
  const ended = await Promise.race([run.done.then(() => "done" as const), stopped.then(() => "signal" as const)]);
  if (onSignal) {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  // The input ended (a piped console): what the background start does still runs, then stops in order.
  const work = ended === "done" ? await background.finish() : await background.cancel();
  if (work) {
    await work.inbox.stop();
    await work.scheduling?.stop().catch((err: unknown) => logger.warn({ err: (err as Error).message }, "scheduler stop failed"));
  }
  for (const a of started.reverse()) await a.stop().catch((err) => logger.warn({ err: (err as Error).message, adapter: a.name }, "adapter stop failed"));
  watchdog?.workFinished();
  return 0;
}
