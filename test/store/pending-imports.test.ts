import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StagedImport } from "../../src/core/store.ts";
import { createStore } from "../../src/store/index.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

const DAY = 86_400_000;

describe.each(BACKENDS)("import previews kept in the store on %s", (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
  });
  afterAll(async () => t?.cleanup());

  const staged = (id: string, createdAt: Date): StagedImport => ({
    id,
    platform: "slack",
    userId: "U0ADMIN",
    source: { name: "方案.docx", hash: `h-${id}` },
    plans: [samplePlan({ sourceFormat: "docx" })],
    createdAt,
    expiresAt: new Date(createdAt.getTime() + DAY),
  });

  it("gives back exactly what was staged (plans included), to another store over the same database, once", async () => {
    const now = new Date("2026-11-20T02:00:00Z");
    await createStore(t.db).stageImport(staged("a1", now), now);
    // Another store: a restarted process holds nothing of it in memory.
    const store = createStore(t.db);
    expect(await store.getStagedImport("a1")).toEqual(staged("a1", now));
    expect(await store.dropStagedImport("a1")).toBe(true);
    expect(await store.dropStagedImport("a1")).toBe(false);
    expect(await store.getStagedImport("a1")).toBeNull();
  });

  it("keeps an expired preview for a week (to say it expired), then removes it when the next one is staged", async () => {
    const store = createStore(t.db);
    const then = new Date("2026-11-01T02:00:00Z");
    await store.stageImport(staged("old", then), then);
    const soon = new Date(then.getTime() + 3 * DAY);
    await store.stageImport(staged("b2", soon), soon);
    expect((await store.getStagedImport("old"))?.expiresAt.getTime()).toBeLessThan(soon.getTime());
    const later = new Date(then.getTime() + 9 * DAY);
    await store.stageImport(staged("c3", later), later);
    expect(await store.getStagedImport("old")).toBeNull();
    expect(await store.getStagedImport("c3")).not.toBeNull();
  });
});
