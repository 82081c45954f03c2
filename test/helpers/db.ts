import crypto from "node:crypto";
import pg from "pg";
import { migrate, openDatabase, type Database } from "../../src/store/index.ts";

export type Backend = "pglite" | "postgres";

/** PGlite in memory always; the real PostgreSQL too when TEST_DATABASE_URL is set (CI). */
export const BACKENDS: Backend[] = process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase {
  db: Database;
  /** For postgres: the URL of this test's own database (a second instance can open it). */
  url?: string;
  cleanup(): Promise<void>;
}

/** A migrated, empty database of its own for one test file. */
export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "pglite") {
    const db = await openDatabase({ kind: "memory" });
    await migrate(db.sql);
    return { db, cleanup: () => db.close() };
  }
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `duban_t_${crypto.randomBytes(5).toString("hex")}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrate(db.sql);
  return {
    db,
    url: url.toString(),
    async cleanup() {
      await db.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
