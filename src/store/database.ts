import fs from "node:fs";
import path from "node:path";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";
import { PrismaClient } from "../generated/prisma/client.ts";
import { acquireDirLock, type DirLock } from "./dir-lock.ts";
import { initFromTemplate, needsInit, templateImage } from "./template.ts";

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
  /** Embedded only: the data directory as a tar image (PGlite's dumpDataDir). */
  dumpImage?(): Promise<Blob>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string }
  | { kind: "memory" };

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.kind === "postgres") return openPostgres(options.url);
  return openPglite(options.kind === "memory" ? undefined : options.dataDir);
}

/**
 * A chat bot's working set is small: PostgreSQL's default 128 MB of shared buffers only inflates
 * the embedded store's resident memory (measured: about 115 MB less with 16 MB).
 * bin/pglite-template.js makes its template with the same options: keep them in step.
 */
const PGLITE_OPTIONS: PGliteOptions = { postgresqlconf: ["shared_buffers = 16MB"] };

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let lock: DirLock | undefined;
  let db: PGlite;
  // Only the configured driver is loaded (PGlite or pg, each with its Prisma adapter).
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([import("@electric-sql/pglite"), import("pglite-prisma-adapter")]);
  if (dataDir) {
    const dir = path.join(dataDir, "pglite");
    fs.mkdirSync(dataDir, { recursive: true });
    lock = acquireDirLock(dataDir);
    try {
      if (needsInit(dir)) await initFromTemplate(dir);
      db = await PGlite.create(dir, PGLITE_OPTIONS);
    } catch (err) {
      lock.release();
      throw err;
    }
  } else {
    // A throw-away store in memory, loaded from the template's image: no initdb.
    db = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: await templateImage() });
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
  const sql: SqlRunner = {
    exec: async (text) => void (await db.exec(text)),
    query: async <T,>(text: string, params?: unknown[]) => (await db.query<T>(text, params)).rows,
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          exec: async (text) => void (await tx.exec(text)),
          query: async <T,>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
        }),
      ),
  };
  return {
    kind: "pglite",
    location: dataDir ? path.join(dataDir, "pglite") : ":memory:",
    prisma,
    sql,
    dumpImage: async () => (await db.dumpDataDir("none")) as Blob,
    async close() {
      await prisma.$disconnect();
      if (!db.closed) await db.close();
      lock?.release();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the pool discards it and the next query reconnects or fails as "unavailable".
  pool.on("error", () => undefined);
  // Fail fast with the server's own message when it is unreachable or the database is missing.
  const probe = await pool.connect();
  probe.release();
  // One pool for Prisma and the migrator.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql: SqlRunner = {
    exec: async (text) => void (await pool.query(text)),
    query: async <T,>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[],
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
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
        client.release();
      }
    },
  };
  return {
    kind: "postgres",
    location: redactUrl(url),
    prisma,
    sql,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
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
