import type pg from "pg";
import { isUnavailable } from "./errors.ts";
import { StoreTimeoutError, withTimeout } from "./timeouts.ts";

/**
 * Whether the PostgreSQL server answers at all, so that a server that is down or blackholed costs
 * a message about the connect bound, not a statement bound per store call.
 *
 * A statement without an answer for a moment (a second) is not proof of anything: it may just be
 * slow. So the server is checked through a new connection (connect + `SELECT 1` within the connect
 * bound, one check at a time). If that fails too, the server counts as unreachable: the silent
 * statements and the idle connections are given up at once ("unavailable"), and until a check
 * succeeds every new statement or connect waits for one check (within the connect bound) instead
 * of for its own bound, or fails at once within a second of a failed check. A server that answers
 * with an error (too many clients, a bad password) is reachable.
 */
export interface Reachability {
  /** Undefined while the server is reachable; else a check to wait for, rejecting when it still is not. */
  ready(): Promise<void> | undefined;
  /**
   * Watches a statement from its start: calls `giveUp` once it stays silent while the server is
   * found unreachable (each caller gets an error of its own: pg-pool decorates what it is handed).
   */
  watch(giveUp: (err: Error) => void): () => void;
  /** A new connection was opened, or failed to open. */
  connected(err?: unknown): void;
  /** No more checks; a check in progress is dropped. */
  close(): void;
}

/** The server did not answer a new connection: what a statement or connect given up for it fails with. */
export class ServerUnreachableError extends Error {
  readonly code = "DUBAN_STORE_UNREACHABLE";
  constructor(cause: Error) {
    super(`PostgreSQL unreachable (a new connection failed: ${cause.message})`, { cause });
    this.name = "ServerUnreachableError";
  }
}

export function createReachability(Client: typeof pg.Client, url: string, connectMs: number, onDown: (unreachable: () => Error) => void): Reachability {
  /** How long a statement is silent before the server is checked, and how long a failed check is believed. */
  const graceMs = Math.min(1_000, connectMs);
  let down: Error | undefined;
  let checking: Promise<boolean> | undefined;
  let checkedAt = -Infinity;
  let probe: pg.Client | undefined;
  let closed = false;

  const unreachable = () => new ServerUnreachableError(down ?? new StoreTimeoutError("reachability check", connectMs));
  const markDown = (err: Error) => {
    down = err;
    checkedAt = Date.now();
    onDown(unreachable);
  };

  async function connectAndSelect(client: pg.Client): Promise<void> {
    await client.connect();
    await client.query("SELECT 1");
  }

  /** One check through a new connection; true when the server answered. */
  function check(): Promise<boolean> {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: connectMs });
    client.on("error", () => undefined);
    probe = client;
    checking = withTimeout(connectAndSelect(client), connectMs, "reachability check (a new connection)").then(
      () => {
        void client.end().catch(() => undefined);
        down = undefined;
        return true;
      },
      (err: unknown) => {
        destroy(client);
        if (closed) return false;
        if (!isUnavailable(err)) {
          down = undefined;
          return true;
        }
        markDown(err instanceof Error ? err : new Error(String(err)));
        return false;
      },
    );
    void checking.finally(() => {
      checking = undefined;
      checkedAt = Date.now();
      if (probe === client) probe = undefined;
    });
    return checking;
  }

  const failed = (ok: boolean) => {
    if (!ok) throw unreachable();
  };

  return {
    ready() {
      if (!down || closed) return undefined;
      if (checking) return checking.then(failed);
      if (Date.now() - checkedAt < graceMs) return Promise.reject(unreachable());
      return check().then(failed);
    },
    watch(giveUp) {
      const stalled = () => {
        if (closed) return;
        if (down && !checking) return giveUp(unreachable());
        // A server that answered a check a moment ago is reachable: the statement is only slow.
        const running = checking ?? (Date.now() - checkedAt >= graceMs ? check() : undefined);
        void running?.then((ok) => ok || giveUp(unreachable()));
      };
      const timer = setInterval(stalled, graceMs);
      timer.unref();
      return () => clearInterval(timer);
    },
    connected(err) {
      if (err === undefined) down = undefined;
      else if (!down && isUnavailable(err)) markDown(err instanceof Error ? err : new Error(String(err)));
    },
    close() {
      closed = true;
      if (probe) destroy(probe);
    },
  };
}

function destroy(client: pg.Client): void {
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
}
