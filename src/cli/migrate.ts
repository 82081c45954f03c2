import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { databaseOptions } from "../app/app.ts";
import { openWithRetry } from "../app/retry.ts";
import { migrate, openDatabase } from "../store/index.ts";

export async function runMigrate(env: Env, logger: Logger): Promise<number> {
  const db = await openWithRetry(() => openDatabase(databaseOptions(env)), logger, { attempts: env.DUBAN_STORE_RETRIES });
  try {
    const applied = await migrate(db.sql);
    process.stdout.write(
      applied.length ? `Applied ${applied.length} migration(s) to ${db.location}: ${applied.join(", ")}\n` : `${db.location} is up to date.\n`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
