import type pg from "pg";
import type { Reachability } from "./pg-reach.ts";
import { StoreTimeoutError, type StoreTimeouts } from "./timeouts.ts";

export interface BoundedClient {
  /** How long one statement on this connection may take before the connection is destroyed. */
  statementMs: number;
  /** Destroys the socket in a moment unless it closed by then (never keeps the process alive). */
  destroySoon(): void;
  /** A statement of this connection is with the server. */
  readonly busy: boolean;
  /** Destroys the socket now: whatever runs or waits on it fails with `err`. */
  destroy(err: Error): void;
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * pg's Client with a client-side bound on every statement, running one statement at a time.
 *
 * - pg's own `query_timeout` answers the caller but leaves the connection waiting for the lost
 *   answer, and the pool hands it out again; here a statement past its bound destroys its
 *   connection, so the pool replaces it, and every statement waiting behind it fails at once.
 * - Callers may issue statements on one connection before the previous one answered (Prisma runs
 *   the reads of one transaction side by side). pg would queue them itself, which is deprecated
 *   (an error from pg 9), and the bound of a statement queued there would run while it waits.
 *   Here a statement is handed to pg only once the one before it has settled, and its bound starts
 *   then: it covers the statement's own run. (The wait of a whole transaction stays under the
 *   transaction bound: Prisma's interactive-transaction timeout.)
 * - While the server is unreachable (src/store/pg-reach.ts) a statement or a connect does not
 *   wait for its own bound: it fails after one check of the server, and a silent statement is
 *   given up once the server is found unreachable.
 */
export function boundedClient(Base: typeof pg.Client, timeouts: StoreTimeouts, live: Set<BoundedClient>, reach: Reachability): typeof pg.Client {
  return class extends Base implements BoundedClient {
    statementMs = timeouts.queryMs;
    busy = false;
    /** Settles once the statement issued last has settled: the next one's turn. */
    private turn: Promise<unknown> = Promise.resolve();
    /** Why the connection is gone (failed or ended): statements still waiting their turn fail with it at once. */
    private broken: Error | undefined;

    constructor(config?: string | pg.ClientConfig) {
      // Each connection's own connect is bounded by the connect bound (the pool's option is the wait for a free one).
      super(typeof config === "object" ? { ...config, connectionTimeoutMillis: timeouts.connectMs } : config);
      live.add(this);
      this.once("end", () => {
        live.delete(this);
        this.lost(new Error("Connection terminated"));
      });
      // Errors reach the statements they concern; a checked-out connection has no other listener.
      this.on("error", (err: Error) => this.lost(err));
      const query = this.query.bind(this) as QueryFn;
      (this as { query: unknown }).query = (...args: unknown[]) => this.nextQuery(query, args);
    }

    /**
     * The pool's release for the current checkout (pg-pool sets `release` at each checkout). A
     * connection that breaks while checked out gives itself back (the pool drops it): Prisma
     * never releases a transaction's connection whose COMMIT or ROLLBACK failed, and each such
     * connection would hold a place in the pool for ever. A later release does nothing.
     */
    private checkout: ((err?: Error | boolean) => void) | undefined;
    set release(fn: (err?: Error | boolean) => void) {
      this.checkout = fn;
    }
    get release(): (err?: Error | boolean) => void {
      return (err) => {
        const fn = this.checkout;
        this.checkout = undefined;
        fn?.(err);
      };
    }

    /** A write that decides its outcome (see decidesWrite) is with the server. */
    private writing = false;

    /**
     * The connection's own error, while such a write is out, says the outcome is unknown: pg-pool
     * hands it to a pool.query caller before the statement itself fails.
     */
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event === "error" && this.writing && !answeredByServer(args[0]) && !(args[0] instanceof WriteOutcomeUnknownError)) {
        args[0] = new WriteOutcomeUnknownError(args[0]);
      }
      return super.emit(event, ...args);
    }

    private lost(err: Error): void {
      // Statements still waiting their turn were never sent: theirs is the plain error.
      this.broken ??= err instanceof WriteOutcomeUnknownError && err.lost instanceof Error ? err.lost : err;
      if (this.checkout) this.release(err);
    }

    private get socket(): { destroy(err?: Error): void } | undefined {
      return (this as unknown as { connection?: { stream?: { destroy(err?: Error): void } } }).connection?.stream;
    }

    destroySoon(): void {
      setTimeout(() => this.socket?.destroy(), 1_000).unref();
    }

    destroy(err: Error): void {
      // Only an open connection: a socket not yet connecting has no listener for the error.
      if ((this as unknown as { _connected?: boolean })._connected) this.socket?.destroy(err);
    }

    /** Opens the connection, once a check says the server is reachable again if it was not. */
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null) => void): void;
    override connect(callback?: (err: Error | null) => void): Promise<pg.Client> | void {
      const open = () =>
        super.connect().then(
          (client) => (reach.connected(), client),
          (err: unknown) => {
            live.delete(this);
            reach.connected(err);
            throw err;
          },
        );
      const connecting =
        reach.ready()?.then(open, (err: unknown) => {
          live.delete(this);
          throw err;
        }) ?? open();
      if (!callback) return connecting;
      connecting.then(() => callback(null), callback);
    }

    /** Queues the statement behind the one issued before it; pg's callback form keeps working. */
    private nextQuery(query: QueryFn, args: unknown[]): unknown {
      // Submittable queries (cursors, streams) are not used by Duban and keep pg's behaviour.
      if (typeof (args[0] as { submit?: unknown } | null)?.submit === "function") return query(...args);
      const cb = args.findIndex((a) => typeof a === "function");
      const done = cb >= 0 ? (args[cb] as (err: unknown, res?: unknown) => void) : undefined;
      const callArgs = cb >= 0 ? args.filter((_, i) => i !== cb) : args;
      const result = this.turn.then(() => this.runQuery(query, callArgs));
      this.turn = result.catch(() => undefined);
      if (!done) return result;
      result.then(
        (res) => done(null, res),
        (err: unknown) => done(err),
      );
      return undefined;
    }

    /** Hands one statement to pg (after a check of the server if it was unreachable), bounded from then. */
    private runQuery(query: QueryFn, args: unknown[]): Promise<unknown> {
      const gate = this.broken ? undefined : reach.ready();
      return gate ? gate.then(() => this.sendQuery(query, args)) : this.sendQuery(query, args);
    }

    private sendQuery(query: QueryFn, args: unknown[]): Promise<unknown> {
      if (this.broken) return Promise.reject(this.broken);
      const ms = this.statementMs;
      const decisive = decidesWrite(args[0], this.getTransactionStatus());
      const timer = setTimeout(() => this.destroy(new StoreTimeoutError("query", ms)), ms);
      const unwatch = reach.watch((err) => this.destroy(err));
      const done = () => {
        clearTimeout(timer);
        unwatch();
        this.busy = false;
        this.writing = false;
      };
      this.busy = true;
      this.writing = decisive;
      try {
        const sent = (query(...args) as Promise<unknown>).finally(done);
        if (!decisive) return sent;
        // Sent, and no answer from the server: it may have done the write or not.
        return sent.catch((err: unknown) => Promise.reject(answeredByServer(err) || err instanceof WriteOutcomeUnknownError ? err : new WriteOutcomeUnknownError(err)));
      } catch (err) {
        done();
        return Promise.reject(err);
      }
    }
  };
}

/**
 * A statement that makes a write durable once the server has it: COMMIT, or a write outside a
 * transaction block (autocommit; a WITH that writes, like the one a free-text update is stored
 * by). Lost on the way back, its answer leaves the write unknown.
 */
function decidesWrite(first: unknown, txStatus: string | null | undefined): boolean {
  const text = typeof first === "string" ? first : typeof (first as { text?: unknown } | null)?.text === "string" ? (first as { text: string }).text : "";
  return /^\s*COMMIT\b/i.test(text) || (txStatus === "I" && /^\s*(INSERT|UPDATE|DELETE|MERGE|WITH\b[\s\S]*\b(INSERT|UPDATE|DELETE|MERGE))\b/i.test(text));
}

/** The server's own error response (pg's DatabaseError): it did not do the write. */
function answeredByServer(err: unknown): boolean {
  return typeof (err as { severity?: unknown } | null)?.severity === "string";
}

/**
 * A COMMIT (or autocommit write) reached the connection and its answer never came back: the
 * server may have done it. Still "unavailable" (src/store/errors.ts), but the user must not be
 * told that nothing was written.
 */
export class WriteOutcomeUnknownError extends Error {
  readonly code = "DUBAN_STORE_OUTCOME_UNKNOWN";
  constructor(readonly lost: unknown) {
    // No `cause`: Prisma reports the innermost cause's code and message, and this code must stay.
    super(`store write sent but not confirmed: ${(lost as Error | null)?.message ?? String(lost)}`);
    this.name = "WriteOutcomeUnknownError";
  }
}
