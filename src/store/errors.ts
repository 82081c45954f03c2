/**
 * True for a unique-constraint violation, whichever driver adapter raised it: adapter-pg maps
 * it to Prisma's P2002, the PGlite adapter passes PostgreSQL's SQLSTATE 23505 through.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string; originalCode?: string; kind?: string } } | null;
  if (!e) return false;
  return (
    e.code === "P2002" ||
    e.cause?.code === "23505" ||
    e.cause?.originalCode === "23505" ||
    e.cause?.kind === "UniqueConstraintViolation"
  );
}

const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
  // Bounds (src/store/timeouts.ts): ours, a server found unreachable (src/store/pg-reach.ts), the server's statement_timeout (query_canceled) and
  // idle_in_transaction_session_timeout.
  "DUBAN_STORE_TIMEOUT",
  "DUBAN_STORE_UNREACHABLE",
  "DUBAN_STORE_OUTCOME_UNKNOWN",
  "57014",
  "25P03",
]);

/**
 * True when the store itself is unreachable (server down, connection dropped, embedded store
 * closed), as opposed to a bad query. Such failures mean "try again later; nothing was written".
 */
export function isUnavailable(err: unknown): boolean {
  for (let e = err as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code && CONNECTION_CODES.has(e.code)) return true;
    const m = String(e.message ?? "");
    if (/connection terminated|connection refused|Can't reach database|PGlite is closed|pool has been ended|Connection terminated|server closed the connection/i.test(m)) return true;
    // pg's pool and client connect bounds; a Prisma transaction that ran out of time.
    if (/timeout exceeded when trying to connect|^timeout expired$|store .+ timed out after|statement timeout/i.test(m)) return true;
    if (e.code === "P2028" && /timed? ?out|timeout|expired/i.test(m)) return true;
    const kind = (e as { kind?: string }).kind;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed" || kind === "SocketTimeout") return true;
  }
  return false;
}

/**
 * True when a write was sent (a COMMIT, an autocommit write) and its answer was lost: the server
 * may have done it (src/store/pg-client.ts). The user is told to check before sending it again.
 * Prisma does not pass a failed COMMIT's error on: it marks the transaction committed anyway and
 * the rollback it then tries fails with "A rollback cannot be executed on a committed transaction"
 * (P2028), which only a failed COMMIT leads to.
 */
export function isOutcomeUnknown(err: unknown): boolean {
  for (let e = err as { code?: string; message?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === "DUBAN_STORE_OUTCOME_UNKNOWN") return true;
    if (e.code === "P2028" && /rollback cannot be executed on a committed transaction/i.test(String(e.message ?? ""))) return true;
  }
  return false;
}
