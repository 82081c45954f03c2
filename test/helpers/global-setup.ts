import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readMigrations } from "../../src/store/migrate.ts";
import { ensureTemplate } from "../../src/store/template.ts";

/**
 * Once for the whole run: the empty PGlite template (made in a process of its own) for every CLI
 * the tests start, and a migrated image of it for every in-memory test store, kept next to the
 * template until the migrations change. No test file pays PGlite's initdb or the migrations
 * (openTestDatabase still runs migrate, which then finds nothing to do).
 */
export default async function setup(): Promise<void> {
  const template = await ensureTemplate();
  process.env.DUBAN_PGLITE_TEMPLATE = template;
  const key = crypto.createHash("sha256");
  for (const m of readMigrations()) key.update(`${m.name}:${m.checksum}\n`);
  const file = path.join(template, `../${path.basename(template)}-migrated-${key.digest("hex").slice(0, 12)}.tar`);
  if (!fs.existsSync(file)) {
    // The store (Prisma, PGlite) loads only when the image is missing: not in the run's main process otherwise.
    const { migrate, openDatabase } = await import("../../src/store/index.ts");
    const db = await openDatabase({ kind: "memory" });
    try {
      await migrate(db.sql);
      const image = await db.dumpImage!();
      const tmp = `${file}.${process.pid}`;
      fs.writeFileSync(tmp, Buffer.from(await image.arrayBuffer()));
      fs.renameSync(tmp, file);
    } finally {
      await db.close();
    }
  }
  process.env.DUBAN_PGLITE_IMAGE = file;
}
