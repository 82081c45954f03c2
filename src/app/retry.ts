import type { Logger } from "../config/logger.ts";
import { DataDirBusyError } from "../store/dir-lock.ts";

export interface RetryOptions {
  attempts?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Opens the store, retrying with exponential backoff while a server is unreachable (it may
 * still be starting). Errors that waiting cannot fix (a busy data directory) fail at once.
 */
export async function openWithRetry<T>(open: () => Promise<T>, logger: Logger, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let delay = options.firstDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (err) {
      if (err instanceof DataDirBusyError || attempt >= attempts) throw err;
      logger.warn({ attempt, retryInMs: delay, err: (err as Error).message }, "store unreachable, retrying");
      await sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 8000);
    }
  }
}
