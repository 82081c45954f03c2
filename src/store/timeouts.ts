/**
 * Bounds on every wait for the store. A server that stops answering (a blackholed connection:
 * the socket stays open, nothing comes back) or an embedded store that stalls must turn into
 * "temporarily unavailable" within these bounds, never into a wait without end.
 */
export interface StoreTimeouts {
  /** Opening a connection, or waiting for a free one from the pool. */
  connectMs: number;
  /** One statement. */
  queryMs: number;
  /**
   * One transaction (Prisma's interactive transactions), waiting to start one on the embedded
   * store, each statement of a migration, and the whole of any one Store call (a backstop).
   * Plan imports keep their own, longer bound (src/store/plan-writer.ts).
   */
  transactionMs: number;
}

export const DEFAULT_TIMEOUTS: StoreTimeouts = { connectMs: 5_000, queryMs: 10_000, transactionMs: 30_000 };

export function storeTimeouts(partial: Partial<StoreTimeouts> = {}): StoreTimeouts {
  return { ...DEFAULT_TIMEOUTS, ...partial };
}

/** A wait for the store ran past its bound. The store counts as unreachable (see isUnavailable). */
export class StoreTimeoutError extends Error {
  readonly code = "DUBAN_STORE_TIMEOUT";
  constructor(what: string, ms: number) {
    super(`store ${what} timed out after ${ms} ms`);
    this.name = "StoreTimeoutError";
  }
}

/**
 * Settles like `work`, or rejects with StoreTimeoutError once `ms` have passed. The work itself
 * is not cancelled (a driver cannot always be interrupted); `onLate` hears when it finally settles.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string, onTimeout?: (late: Promise<unknown>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout?.(work.then(() => undefined, () => undefined));
      reject(new StoreTimeoutError(what, ms));
    }, ms);
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/**
 * For a store with one connection (PGlite runs one statement at a time): once a call ran past its
 * bound, everything queued behind it would wait as long, so new calls fail at once until every
 * call that ran late has settled. The store is "unavailable" exactly while it is stalled.
 */
export function createStallGuard() {
  let late = 0;
  return {
    get stalled() {
      return late > 0;
    },
    /** Bounds `work`; refuses at once while an earlier call is still stalled (unless `inside`). */
    run<T>(work: () => Promise<T>, ms: number, what: string, options: { inside?: boolean } = {}): Promise<T> {
      if (late > 0 && !options.inside) return Promise.reject(new StoreTimeoutError(`${what} (store stalled)`, 0));
      return withTimeout(Promise.resolve().then(work), ms, what, (settled) => {
        late++;
        void settled.then(() => late--);
      });
    },
  };
}
