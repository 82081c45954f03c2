// Prisma CLI configuration: the JS engine with a driver adapter, so nothing is downloaded.
// The CLI talks to PostgreSQL when DATABASE_URL is set, otherwise to the embedded PGlite
// directory (DUBAN_DATA_DIR, default ./data). Never run the CLI while the bot holds that
// directory open: PGlite is single-process.
import fs from "node:fs";
import path from "node:path";
import type { PrismaConfig } from "prisma";

const serverUrl = process.env.DATABASE_URL;
// The schema's env("DATABASE_URL") must resolve even for PGlite, or the CLI tries to download engines.
process.env.DATABASE_URL ??= "postgresql://embedded@localhost/duban";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    if (serverUrl) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: serverUrl });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const dir = path.resolve(process.env.DUBAN_DATA_DIR ?? "data", "pglite");
    fs.mkdirSync(dir, { recursive: true });
    return new PrismaPGlite(new PGlite(dir));
  },
} satisfies PrismaConfig;
