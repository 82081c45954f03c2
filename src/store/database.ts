import fs from "node:fs";
import path from "node:path";
import type { PGlite, PGliteOptions, Transaction } from "@electric-sql/pglite";
import type pg from "pg";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { acquireDirLock, type DirLock } from "./dir-lock.ts";
import { boundedClient, type BoundedClient } from "./pg-client.ts";
import { createReachability } from "./pg-reach.ts";
import { preloadedPgliteOptions } from "./preload.ts";
import { initFromTemplate, needsInit, templateImage } from "./template.ts";
import { createStallGuard, StoreTimeoutError, storeTimeouts, type StoreTimeouts } from "./timeouts.ts";

/** Raw SQL access for the migrator and health checks; everything else goes through Prisma. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn in one transaction on one connection. */
  transaction<T>(fn: (tx: Pick<SqlRunner, "exec" | "query">) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: "pglite" | "postgres";
  /** Where the data lives, for messages: a directory, ":memory:", or the server URL without credentials. */
  location: string;
  prisma: PrismaClient;
  sql: SqlRunner;
  /** The bounds every wait for this store keeps (src/store/timeouts.ts). */
  timeouts: StoreTimeouts;
  /** Embedded only: the data directory as a tar image (PGlite's dumpDataDir). */
  dumpImage?(): Promise<Blob>;
  close(): Promise<void>;
}

/** What Prisma and the migrator use of PGlite; tests put a driver that stalls in front of it. */
export type PgliteDriver = Pick<PGlite, "query" | "exec" | "transaction">;

export type DatabaseOptions = (
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string; wrapDriver?: (db: PGlite) => PgliteDriver }
  | { kind: "memory"; wrapDriver?: (db: PGlite) => PgliteDriver }
) & { timeouts?: Partial<StoreTimeouts> };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const timeouts = storeTimeouts(options.timeouts);
  if (options.kind === "postgres") return openPostgres(options.url, timeouts);
  return openPglite(options.kind === "memory" ? undefined : options.dataDir, timeouts, options.wrapDriver);
}

/**
 * A chat bot's working set is small: PostgreSQL's default 128 MB of shared buffers only inflates
 * the embedded store's resident memory (measured: about 115 MB less with 16 MB).
 * bin/pglite-template.js makes its template with the same options: keep them in step.
 */
const PGLITE_OPTIONS: PGliteOptions = { postgresqlconf: ["shared_buffers = 16MB"] };

async function openPglite(dataDir: string | undefined, timeouts: StoreTimeouts, wrapDriver?: (db: PGlite) => PgliteDriver): Promise<Database> {
  let lock: DirLock | undefined;
  let db: PGlite;
  // Only the configured driver is loaded (PGlite or pg, each with its Prisma adapter).
  const { PGlite } = await import("@electric-sql/pglite");
  const prismaSide = loadPrisma(import("pglite-prisma-adapter"));
  if (dataDir) {
    const dir = path.join(dataDir, "pglite");
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDirLock(dataDir);
    try {
      if (needsInit(dir)) await initFromTemplate(dir);
      db = await PGlite.create(dir, { ...PGLITE_OPTIONS, ...(await preloadedPgliteOptions()) });
    } catch (err) {
      lock.release();
      throw err;
    }
  } else {
    // A throw-away store in memory, loaded from the template's image: no initdb.
    db = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: await templateImage() });
  }
  const bounded = boundPglite(wrapDriver ? wrapDriver(db) : db, timeouts);
  const [{ PrismaClient }, { PrismaPGlite }] = await prismaSide;
  // The adapter only calls query, exec and transaction (and rollback on a transaction).
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(bounded.driver as PGlite), transactionOptions: prismaTransactionOptions(timeouts) });
  const sql: SqlRunner = {
    exec: async (text) => void (await bounded.driver.exec(text)),
    query: async <T,>(text: string, params?: unknown[]) => (await bounded.driver.query<T>(text, params)).rows,
    // Migrations: each statement may take up to the transaction bound.
    transaction: (fn) =>
      bounded.transaction(
        (tx) =>
          fn({
            exec: async (text) => void (await tx.exec(text)),
            query: async <T,>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
          }),
        timeouts.transactionMs,
      ),
  };
  return {
    kind: "pglite",
    location: dataDir ? path.join(dataDir, "pglite") : ":memory:",
    prisma,
    sql,
    timeouts,
    dumpImage: async () => (await db.dumpDataDir("none")) as Blob,
    async close() {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string, timeouts: StoreTimeouts): Promise<Database> {
  const { default: pg } = await import("pg");
  const prismaSide = loadPrisma(import("@prisma/adapter-pg"));
  const live = new Set<BoundedClient>();
  // Once the server is found unreachable, idle connections are given up too (they would each
  // swallow a statement first); statements in progress are given up by their own watch.
  const reach = createReachability(pg.Client, url, timeouts.connectMs, (unreachable) => {
    for (const client of live) if (!client.busy) client.destroy(unreachable());
  });
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A server that accepts the connection but never answers fails each connect within the
    // connect bound (set on every connection, see boundedClient), instead of holding the caller.
    Client: boundedClient(pg.Client, timeouts, live, reach),
    // The wait for a free connection is a different thing: under a burst the ten connections are
    // all busy and a message waits its turn; refusing it after the connect bound would answer
    // "not stored" to work a busy store would do in a moment. It gets the transaction bound.
    connectionTimeoutMillis: timeouts.transactionMs,
    // The server cancels a statement that runs too long, and ends a session left inside a
    // transaction by a client that went away (no locks held for ever).
    statement_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.transactionMs,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool discards it and the next query reconnects or fails as "unavailable".
  pool.on("error", () => undefined);
  // Fail fast with the server's own message when it is unreachable or the database is missing,
  // and say which bound ran out when it accepted the connection but never answered.
  let probe: pg.PoolClient;
  try {
    probe = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => undefined);
    if (!/timeout/i.test((err as Error).message)) throw err;
    throw Object.assign(new Error(`PostgreSQL at ${redactUrl(url)} did not answer within ${timeouts.connectMs} ms (DUBAN_DB_CONNECT_TIMEOUT_MS)`, { cause: err }), {
      code: "DUBAN_STORE_TIMEOUT",
    });
  }
  probe.release();
  // One pool for Prisma and the migrator.
  const [{ PrismaClient }, { PrismaPg }] = await prismaSide;
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: prismaTransactionOptions(timeouts) });
  const sql: SqlRunner = {
    exec: async (text) => void (await pool.query(text)),
    query: async <T,>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[],
    // Migrations: each statement may take up to the transaction bound (server and client side).
    async transaction(fn) {
      const client = (await pool.connect()) as pg.PoolClient & BoundedClient;
      client.statementMs = timeouts.transactionMs;
      try {
        await client.query("BEGIN");
        await client.query("SELECT set_config('statement_timeout', $1, true)", [String(timeouts.transactionMs)]);
        const result = await fn({
          exec: async (text) => void (await client.query(text)),
          query: async <T,>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
        });
        await client.query("COMMIT");
        return result;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw err;
      } finally {
        client.statementMs = timeouts.queryMs;
        // The pool does not reuse a connection that failed or was destroyed.
        client.release();
      }
    },
  };
  return {
    kind: "postgres",
    location: redactUrl(url),
    prisma,
    sql,
    timeouts,
    async close() {
      reach.close();
      await prisma.$disconnect();
      await pool.end();
      // pool.end() says goodbye on every connection; one that the network swallows stays open
      // and would keep the process alive. Close what is left after a moment.
      for (const client of live) client.destroySoon();
    },
  };
}

/**
 * Prisma's client and its driver adapter load while the store opens (a file read, a connection),
 * not before: the first answer after a start does not use Prisma. A store that fails to open
 * never awaits them.
 */
function loadPrisma<A>(adapter: Promise<A>): Promise<[typeof import("../generated/prisma/client.ts"), A]> {
  const both = Promise.all([import("../generated/prisma/client.ts"), adapter]);
  both.catch(() => undefined);
  return both;
}

/**
 * Prisma's interactive transactions: at most the transaction bound. (Its wait to start one does
 * not interrupt a driver that never answers; the driver bounds above do.)
 */
function prismaTransactionOptions(t: StoreTimeouts): { maxWait: number; timeout: number } {
  return { maxWait: t.transactionMs, timeout: t.transactionMs };
}

/**
 * PGlite behind bounds: each statement within the query bound, the wait to start a transaction
 * within the transaction bound, and while a call is stalled past its bound every new call fails
 * at once (PGlite runs one statement at a time: whatever queues behind a stalled one would wait
 * as long). Calls that fail so count as "store unavailable".
 */
function boundPglite(inner: PgliteDriver, t: StoreTimeouts) {
  const guard = createStallGuard();
  type Opts = Parameters<Transaction["query"]>[2];
  const boundTx = (tx: Transaction, ms: number): Transaction => ({
    query: <T,>(q: string, p?: unknown[], o?: Opts) => guard.run(() => tx.query<T>(q, p, o), ms, "query", { inside: true }),
    sql: <T,>(s: TemplateStringsArray, ...p: unknown[]) => guard.run(() => tx.sql<T>(s, ...p), ms, "query", { inside: true }),
    exec: (q: string, o?: Opts) => guard.run(() => tx.exec(q, o), ms, "query", { inside: true }),
    rollback: () => tx.rollback(),
    listen: (channel, callback) => tx.listen(channel, callback),
    get closed() {
      return tx.closed;
    },
  });
  function transaction<T>(fn: (tx: Transaction) => Promise<T>, statementMs: number): Promise<T> {
    let abandoned = false;
    let whole: Promise<T> | undefined;
    const start = () =>
      new Promise<void>((started, failed) => {
        whole = inner.transaction(async (tx) => {
          started();
          // Started after the caller was told "unavailable": roll back without doing anything.
          if (abandoned) throw new StoreTimeoutError("transaction start", t.transactionMs);
          return fn(boundTx(tx, statementMs));
        });
        whole.catch(failed);
      });
    return guard.run(start, t.transactionMs, "transaction start").then(
      () => whole!,
      (err: unknown) => {
        abandoned = true;
        throw err;
      },
    );
  }
  const driver: PgliteDriver = {
    query: <T,>(q: string, p?: unknown[], o?: Opts) => guard.run(() => inner.query<T>(q, p, o), t.queryMs, "query"),
    exec: (q: string, o?: Opts) => guard.run(() => inner.exec(q, o), t.queryMs, "query"),
    transaction: <T,>(fn: (tx: Transaction) => Promise<T>) => transaction(fn, t.queryMs),
  };
  return { driver, transaction };
}

/** postgresql://user:secret@host/db → postgresql://user@host/db */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString();
  } catch {
    return "(invalid url)";
  }
}
