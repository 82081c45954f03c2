import type { Env } from "../config/env.ts";
import { loadWorkCalendar } from "../scheduler/calendar-file.ts";
import type { Logger } from "../config/logger.ts";
import { commands } from "../../commands/index.ts";
import { systemClock, type Clock } from "../core/clock.ts";
import type { Services } from "../core/command.ts";
import { createConversation } from "../core/conversation.ts";
import { createDispatcher, type Dispatcher } from "../core/dispatcher.ts";
import { createInbound, type Inbound } from "../core/inbound.ts";
import { platformDirectory } from "../adapters/registry.ts";
import type { Store } from "../core/store.ts";
import { createScheduleStore } from "../store/schedules.ts";
import { createStore, hasPlans, migrate, openDatabase, type Database, type DatabaseOptions } from "../store/index.ts";
import { phase } from "./phases.ts";
import { openWithRetry } from "./retry.ts";
import { seedIfEmpty, type StartStep } from "./seed.ts";

export interface DubanApp {
  db: Database;
  store: Store;
  services: Services;
  dispatcher: Dispatcher;
  /** The one inbound path every adapter hands its events to. */
  inbound: Inbound;
  /** How long an accepted event is reserved for the instance handling it (then resumed). */
  inboxLeaseMs: number;
  close(): Promise<void>;
}

export interface AppOptions {
  env: Env;
  logger: Logger;
  clock?: Clock;
  /** Overrides where data lives (tests use { kind: "memory" }). */
  database?: DatabaseOptions;
  /** Import the seed plans into an empty store (default: DUBAN_SEED=auto). */
  seed?: boolean;
  /** Told about slow start-up steps (the console shows it to the person waiting). */
  onProgress?: (step: StartStep) => void;
  /** Extra admins for this process (the console operator). */
  extraAdmins?: string[];
}

export function databaseOptions(env: Env): DatabaseOptions {
  const timeouts = { connectMs: env.DUBAN_DB_CONNECT_TIMEOUT_MS, queryMs: env.DUBAN_DB_QUERY_TIMEOUT_MS, transactionMs: env.DUBAN_DB_TRANSACTION_TIMEOUT_MS };
  return env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL, timeouts } : { kind: "pglite", dataDir: env.DUBAN_DATA_DIR, timeouts };
}

/** Opens the store, applies migrations and wires the core. Adapters are started by the caller. */
export async function createDubanApp(options: AppOptions): Promise<DubanApp> {
  const { env, logger } = options;
  loadWorkCalendar(env.DUBAN_CALENDAR_FILE, logger, (options.clock ?? systemClock).now(), env.DUBAN_TIMEZONE);
  const dbOptions = options.database ?? databaseOptions(env);
  phase("modules loaded");
  const db = await openWithRetry(() => openDatabase(dbOptions), logger, { attempts: env.DUBAN_STORE_RETRIES });
  phase("store opened");
  try {
    const applied = await migrate(db.sql);
    if (applied.length) logger.info({ applied, store: db.location }, "migrations applied");
  } catch (err) {
    await db.close();
    throw err;
  }
  phase("migrations checked");
  const store = createStore(db);
  if (options.seed ?? env.DUBAN_SEED === "auto") {
    // A store with plans (every start but the first) is told apart without loading Prisma.
    const seeded = (await hasPlans(db.sql)) ? 0 : await seedIfEmpty(store, env.DUBAN_SEED_DIR, logger, options.onProgress);
    if (seeded) logger.info({ plans: seeded }, "sample plans imported into the empty store");
    phase("seed plans checked");
  }
  const services: Services = {
    store,
    schedules: createScheduleStore(db),
    clock: options.clock ?? systemClock,
    log: logger,
    platforms: platformDirectory,
    settings: {
      admins: [...env.DUBAN_ADMINS, ...(options.extraAdmins ?? [])],
      localAdmins: options.extraAdmins ?? [],
      defaultLocale: env.DUBAN_LOCALE,
      timezone: env.DUBAN_TIMEZONE,
      staleDays: env.DUBAN_STALE_DAYS,
    },
  };
  const dispatcher = createDispatcher({ commands, services, freeText: createConversation() });
  return {
    db,
    store,
    services,
    dispatcher,
    inbound: createInbound({ dispatcher, services, leaseMs: env.DUBAN_INBOX_LEASE_SECONDS * 1000 }),
    inboxLeaseMs: env.DUBAN_INBOX_LEASE_SECONDS * 1000,
    close: () => db.close(),
  };
}
