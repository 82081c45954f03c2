import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { catalogFacts, optionsHash, pgliteVersion, SHIPPED, shippedTemplate, type ShippedManifest } from "../../bin/pglite-template.js";
import { extractTar } from "../../bin/ustar.js";
import { createStore, migrate, openDatabase } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/**
 * The empty PGlite data directory shipped in templates/pglite/ (unpacked at `npm install` instead
 * of running initdb). After a PGlite upgrade or a change of the store's PGlite options, run
 * `node bin/pglite-template.js --ship` and commit templates/pglite/.
 */
describe("the shipped empty PGlite data directory", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duban-shipped-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const manifest = JSON.parse(fs.readFileSync(SHIPPED.manifest, "utf8")) as ShippedManifest;

  it("was made by the installed PGlite with the store's options (else: node bin/pglite-template.js --ship)", () => {
    expect({ pglite: manifest.pglite, optionsHash: manifest.optionsHash }).toEqual({ pglite: pgliteVersion(), optionsHash: optionsHash() });
  });

  it("does not fit another PGlite version or other options, and says why (the template step then runs initdb)", () => {
    expect(shippedTemplate({ pglite: "9.9.9", optionsHash: optionsHash() }).reason).toBe(
      `the shipped template is for PGlite ${manifest.pglite}, the installed one is 9.9.9`,
    );
    expect(shippedTemplate({ pglite: manifest.pglite, optionsHash: "0000" }).reason).toMatch(/made with other PGlite options/);
  });

  it("a damaged copy is not used, and the reason the template step logs says so", () => {
    const installed = { pglite: manifest.pglite, optionsHash: manifest.optionsHash };
    const files = { tar: path.join(dir, "bad.tar.br"), manifest: path.join(dir, "bad.json") };
    fs.writeFileSync(files.manifest, JSON.stringify({ ...manifest, tarSha256: "0".repeat(64) }));
    fs.copyFileSync(SHIPPED.tar, files.tar);
    expect(shippedTemplate(installed, files).reason).toMatch(/^the shipped template is damaged \(sha256 /);
    fs.writeFileSync(files.tar, fs.readFileSync(SHIPPED.tar).subarray(0, 1000));
    expect(shippedTemplate(installed, files).reason).toMatch(/^the shipped template cannot be read/);
  });

  it("a store made from it has a fresh initdb's catalog, migrates and keeps an update across a reopen", async () => {
    const shipped = shippedTemplate();
    expect(shipped.reason).toBeUndefined();
    extractTar(shipped.tar!, path.join(dir, "pglite"));
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    // The catalog the initdb that made the template reported (recorded by --ship).
    expect(await catalogFacts({ query: async (sql) => ({ rows: await db.sql.query(sql) }) })).toEqual(manifest.catalog);
    expect(await migrate(db.sql)).toContain("20261121000000_init");
    const { planId } = await savePlan(db.prisma, samplePlan(), { name: "sample.txt", hash: "h1" });
    const store = createStore(db);
    const taskId = (await store.getTask(planId, "7"))!.id;
    const member = { platform: "console", platformUserId: "u1", displayName: "Alice" };
    await store.recordUpdate({ planId, taskId, member, sourcePlatform: "console", status: "in_progress", percent: 40, sourceMessageId: "m1" });
    await db.close();

    const again = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      expect(await migrate(again.sql)).toEqual([]);
      const row = (await createStore(again).listTaskRows(planId)).find((r) => r.number === "7");
      expect(row?.progress).toMatchObject({ status: "in_progress", percent: 40 });
    } finally {
      await again.close();
    }
  });
});
