import { describe, expect, it } from "vitest";
import { createStore, migrate, openDatabase } from "../../src/store/index.ts";
import type { Database } from "../../src/store/database.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { BACKENDS, openTestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";
import { startProxy } from "../fakes/tcp-proxy.ts";

/** A database the test can take away: PGlite is closed; a server is reached through a proxy that is cut. */
async function losableDatabase(backend: "pglite" | "postgres"): Promise<{ db: Database; lose(): Promise<void>; cleanup(): Promise<void> }> {
  const t = await openTestDatabase(backend);
  if (backend === "pglite") return { db: t.db, lose: () => t.db.close(), cleanup: async () => undefined };
  const url = new URL(t.url!);
  const proxy = await startProxy(url.hostname, Number(url.port || 5432));
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  await migrate(db.sql);
  return {
    db,
    lose: proxy.cut,
    cleanup: async () => {
      await db.close().catch(() => undefined);
      await proxy.close();
      await t.cleanup();
    },
  };
}

describe.each(BACKENDS)("store lost mid-run on %s", (backend) => {
  it("commands answer 'temporarily unavailable', log a warning, and never crash", async () => {
    const l = await losableDatabase(backend);
    try {
      const { planId } = await savePlan(l.db.prisma, samplePlan(), { name: "s", hash: "h" });
      const store = createStore(l.db);
      const { services, logLines } = testServices(l.db, { store });
      await store.updateChannel("console", "c", { planId, open: true });
      const say = chat(testDispatcher(services), { channelId: "c" });
      expect(await say("/task 7")).toContain("任务 7");
      await l.lose();
      for (const text of ["/task 7", "#7 60% 断线中", "/update 7 done"]) {
        const out = await say(text);
        expect(out).toContain("数据存储暂时不可用");
        expect(out).not.toMatch(/Error|at .*\.ts/);
      }
      expect(logLines.filter((x) => x.level === "warn" && x.msg === "store unavailable").length).toBeGreaterThanOrEqual(3);
      expect(logLines.filter((x) => x.level === "error")).toEqual([]);
    } finally {
      await l.cleanup();
    }
  });
});
