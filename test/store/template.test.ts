import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStore, migrate, openDatabase } from "../../src/store/index.ts";

/** A new embedded store is a copy of the prepared template: a working, migratable PostgreSQL. */
describe("embedded store from the template", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duban-template-test-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a new data directory opens, migrates and keeps what was written", async () => {
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(await migrate(db.sql)).toContain("20261121000000_init");
    await createStore(db).updateChannel("console", "c1", { locale: "en" });
    await db.close();
    // Only the data directory was copied, not the template's own bookkeeping files.
    expect(fs.readdirSync(path.join(dir, "pglite")).filter((f) => f.startsWith("duban-template"))).toEqual([]);
    const again = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(await migrate(again.sql)).toEqual([]);
    expect((await createStore(again).getChannel("console", "c1"))?.locale).toBe("en");
    await again.close();
  });

  it("a data directory holding something else is never overwritten", async () => {
    const other = path.join(dir, "other");
    fs.mkdirSync(path.join(other, "pglite"), { recursive: true });
    fs.writeFileSync(path.join(other, "pglite", "notes.txt"), "mine");
    await expect(openDatabase({ kind: "pglite", dataDir: other })).rejects.toThrow(/holds files but no PostgreSQL data directory/);
    expect(fs.readFileSync(path.join(other, "pglite", "notes.txt"), "utf8")).toBe("mine");
  });
});
