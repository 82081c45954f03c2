import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createInbound } from "../../src/core/inbound.ts";
import { createStore, migrate, openDatabase } from "../../src/store/index.ts";
import type { Database, PgliteDriver } from "../../src/store/database.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import type { StoreTimeouts } from "../../src/store/timeouts.ts";
import { startProxy, type TcpProxy } from "../fakes/tcp-proxy.ts";
import { chat, testDispatcher, testServices, type LogLine } from "../helpers/core.ts";
import { openTestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/**
 * Issue 17 item 4: a store that stops answering (a blackholed connection to PostgreSQL, a stalled
 * PGlite query) gets "temporarily unavailable" within the configured bounds, never a wait without
 * end, and work resumes once it answers again. Bounds are short here; every wait in the test is a
 * hang guard far above them, never a speed goal.
 */
const BOUNDS: StoreTimeouts = { connectMs: 2_000, queryMs: 3_000, transactionMs: 6_000 };
/** Far above every bound (a store call answers within connect + transaction = 8 s). */
const HANG_GUARD_MS = 60_000;
const UNAVAILABLE = "数据存储暂时不可用";

/** The answer, or a failure naming what hung. */
function answered<T>(work: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${HANG_GUARD_MS} ms: it hangs`)), HANG_GUARD_MS);
    work.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (err: unknown) => (clearTimeout(timer), reject(err)),
    );
  });
}

/**
 * Sends `text` until the reply contains `want`: a store that just came back may fail a try or
 * two, and a process starved of CPU for longer than a bound may see a spurious timeout.
 */
async function until(say: (text: string) => Promise<string>, text: string, want: string): Promise<string> {
  const deadline = Date.now() + HANG_GUARD_MS;
  for (;;) {
    const out = await answered(say(text), text);
    if (out.includes(want)) return out;
    if (Date.now() > deadline) throw new Error(`"${text}" never answered "${want}"; last: ${out}`);
    expect(out).toContain(UNAVAILABLE);
  }
}

async function boundChat(db: Database) {
  const { planId } = await savePlan(db.prisma, samplePlan(), { name: "s", hash: "h" });
  const store = createStore(db);
  const { services, logLines } = testServices(db, { store });
  await store.updateChannel("console", "c", { planId, open: true });
  return { say: chat(testDispatcher(services), { channelId: "c" }), logLines, services };
}

async function notes(db: Database): Promise<string[]> {
  return (await db.prisma.progressUpdate.findMany({ select: { note: true } })).map((r) => r.note ?? "");
}

function unavailableWarnings(lines: LogLine[]): LogLine[] {
  return lines.filter((x) => x.level === "warn" && x.msg === "store unavailable");
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL behind a blackholed connection", () => {
  it("a command and a free-text update answer 'unavailable' within the bounds, nothing is stored, and work resumes when the network passes", async () => {
    const t = await openTestDatabase("postgres");
    const target = new URL(t.url!);
    let proxy: TcpProxy | undefined;
    let db: Database | undefined;
    try {
      proxy = await startProxy(target.hostname, Number(target.port || 5432));
      const url = new URL(target);
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      db = await openDatabase({ kind: "postgres", url: url.toString(), timeouts: BOUNDS });
      const { say, logLines } = await boundChat(db);
      await until(say, "/task 7", "任务 7");
      logLines.length = 0;

      // The connections stay open and swallow everything; so do new ones.
      proxy.blackhole();
      for (const text of ["/task 7", "#7 60% 断线中"]) {
        const out = await answered(say(text), text);
        expect(out).toContain(UNAVAILABLE);
        expect(out).not.toMatch(/Error|at .*\.ts/);
      }
      const warned = unavailableWarnings(logLines);
      expect(warned.length).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(warned.map((w) => String((w.obj as { err?: unknown }).err)))).toMatch(/timed out|timeout/i);
      expect(logLines.filter((x) => x.level === "error")).toEqual([]);

      // Connections opened from now on pass; the blackholed ones are given up by the pool.
      proxy.pass();
      await until(say, "/task 7", "任务 7");
      expect(await until(say, "#7 70% 恢复", "已记录")).toContain("任务 7");
      const stored = await notes(t.db);
      expect(stored.some((n) => n.includes("恢复"))).toBe(true);
      expect(stored.some((n) => n.includes("断线中"))).toBe(false);
    } finally {
      await db?.close().catch(() => undefined);
      await proxy?.close();
      await t.cleanup();
    }
  });

  it("while the server is blackholed, a message through the inbox is answered 'unavailable' before any statement bound runs out, and its resend is stored once the network passes", async () => {
    const t = await openTestDatabase("postgres");
    const target = new URL(t.url!);
    const proxy = await startProxy(target.hostname, Number(target.port || 5432));
    // A short connect bound; statement and transaction bounds far longer than a reply may take.
    const bounds: StoreTimeouts = { connectMs: 1_000, queryMs: 30_000, transactionMs: 60_000 };
    let db: Database | undefined;
    try {
      const url = new URL(target);
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      db = await openDatabase({ kind: "postgres", url: url.toString(), timeouts: bounds });
      const { services } = await boundChat(db);
      const inbound = createInbound({ dispatcher: testDispatcher(services), services });
      let n = 0;
      const send = async (text: string) => {
        n++;
        const replies = await answered(inbound.receive({ eventId: `e${n}`, message: { platform: "console", channelId: "c", userId: "u", userName: "U", messageId: `m${n}`, text } }), text);
        return (replies ?? []).map((r) => r.blocks.map((b) => ("text" in b ? b.text : "")).join("\n")).join("\n");
      };
      // Every connection of the pool was used and is idle: each would swallow a statement.
      await Promise.all(Array.from({ length: 10 }, (_, i) => until(send, `#7 ${i + 1}0% 之前${i}`, "已记录")));

      proxy.blackhole();
      for (const text of ["#7 60% 断线一", "#7 65% 断线二"]) {
        const started = Date.now();
        const out = await send(text);
        expect(out).toContain(UNAVAILABLE);
        // Not one statement bound: the reply did not wait for a swallowed statement to time out.
        expect(Date.now() - started).toBeLessThan(bounds.queryMs);
      }

      proxy.pass();
      expect(await until(send, "#7 70% 重发", "已记录")).toContain("任务 7");
      const stored = await notes(t.db);
      expect(stored.filter((x) => x.includes("重发"))).toHaveLength(1);
      expect(stored.some((x) => x.includes("断线"))).toBe(false);
    } finally {
      await db?.close().catch(() => undefined);
      await proxy.close();
      await t.cleanup();
    }
  });

  // The write that makes it durable reached the server, its answer is lost: a free-text update is
  // one statement outside a transaction; /undo's retractions are a transaction and its COMMIT.
  it.each([
    { what: "an update whose one statement", first: undefined, marker: "提交了", text: "#7 60% 提交了", stored: (n: string[]) => n.includes("提交了") },
    { what: "an /undo whose COMMIT", first: "#7 55% 要撤销", marker: "COMMIT", text: "/undo", stored: (_: string[], kinds: string[]) => kinds.includes("retraction") },
  ])("$what reached the server but whose answer was lost is answered 'may have been recorded, check /history', not 'nothing was written'", async ({ first, marker, text, stored }) => {
    const t = await openTestDatabase("postgres");
    const target = new URL(t.url!);
    const proxy = await startProxy(target.hostname, Number(target.port || 5432));
    let db: Database | undefined;
    try {
      const url = new URL(target);
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      db = await openDatabase({ kind: "postgres", url: url.toString(), timeouts: BOUNDS });
      const { say } = await boundChat(db);
      await until(say, "/task 7", "任务 7");
      if (first) await until(say, first, "已记录");

      proxy.blackholeAfter(marker);
      const out = await answered(say(text), `${text} with its answer lost`);
      expect(out).toContain("可能已经记录");
      expect(out).toContain("/history");
      expect(out).not.toContain("没有写入任何内容");
      // It was stored indeed: a reply saying "nothing was written" would have been false.
      const rows = await t.db.prisma.progressUpdate.findMany({ select: { note: true, kind: true } });
      expect(stored(rows.map((r) => r.note ?? ""), rows.map((r) => r.kind))).toBe(true);
      // The connection whose answer was lost does not keep a place in the pool (close() below returns too).
      proxy.pass();
      expect(await until(say, "#7 70% 之后", "已记录")).toContain("任务 7");
    } finally {
      await db?.close().catch(() => undefined);
      await proxy.close();
      await t.cleanup();
    }
  });

  it("opening the store through a blackhole fails within the connect bound instead of hanging", async () => {
    const t = await openTestDatabase("postgres");
    const target = new URL(t.url!);
    const proxy = await startProxy(target.hostname, Number(target.port || 5432));
    try {
      proxy.blackhole();
      const url = new URL(target);
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      await expect(answered(openDatabase({ kind: "postgres", url: url.toString(), timeouts: BOUNDS }), "open")).rejects.toThrow(
        /^PostgreSQL at postgresql:\/\/postgres@127\.0\.0\.1:\d+\/\w+ did not answer within 2000 ms \(DUBAN_DB_CONNECT_TIMEOUT_MS\)$/,
      );
    } finally {
      await proxy.close();
      await t.cleanup();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL under a burst", () => {
  it("a message that waits for a free connection longer than the connect bound is handled, not refused", async () => {
    const t = await openTestDatabase("postgres");
    // A connect bound far shorter than the time the ten connections stay busy; not so short that the
    // reachability check's own connection misses it on a loaded machine.
    const db = await openDatabase({ kind: "postgres", url: t.url!, timeouts: { connectMs: 2_000, queryMs: 10_000, transactionMs: 30_000 } });
    try {
      const { say } = await boundChat(db);
      // Open all ten connections first (on a loaded machine a connect may exceed the short bound: try again).
      for (let i = 0; ; i++) {
        try {
          await Promise.all(Array.from({ length: 10 }, () => db.sql.query("SELECT pg_sleep(0.2)")));
          break;
        } catch (err) {
          if (i >= 20) throw err;
        }
      }
      // Ten statements hold every connection of the pool for 4 s, twice the connect bound.
      const busy = Array.from({ length: 10 }, () => db.sql.query("SELECT pg_sleep(4)"));
      const out = await answered(say("#7 35% 排队中"), "an update behind a busy pool");
      await Promise.all(busy);
      expect(out).not.toContain(UNAVAILABLE);
      expect(await notes(db)).toContain("排队中");
    } finally {
      await db.close().catch(() => undefined);
      await t.cleanup();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("PostgreSQL: one statement at a time on a connection", () => {
  it("a transaction's statements issued together are sent one after another (pg 9 refuses a statement on a busy connection)", async () => {
    const t = await openTestDatabase("postgres");
    // Counts statements handed to pg while its connection is still executing another one.
    const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
    const original = proto.query;
    let overlapping = 0;
    proto.query = function (this: { _activeQuery?: unknown; _queryQueue?: unknown[] }, ...args: unknown[]) {
      if (this._activeQuery || this._queryQueue?.length) overlapping++;
      return original.apply(this, args);
    };
    const db = await openDatabase({ kind: "postgres", url: t.url! });
    try {
      const { say } = await boundChat(db);
      const outs = await Promise.all(Array.from({ length: 10 }, (_, i) => say(`#${i % 2 ? 7 : 1} ${i + 1}0% 同时${i}`)));
      for (const out of outs) expect(out).toContain("已记录");
      await db.prisma.$transaction(async (tx) => Promise.all(Array.from({ length: 5 }, () => tx.$queryRaw`SELECT 1`)));
      expect(overlapping).toBe(0);
    } finally {
      proto.query = original;
      await db.close().catch(() => undefined);
      await t.cleanup();
    }
  });

  it("a statement waiting behind others of its transaction gets the statement bound for its own run, not from when it was issued", async () => {
    const t = await openTestDatabase("postgres");
    // The migrator's transactions bound each statement by the transaction bound, here 3 s.
    const db = await openDatabase({ kind: "postgres", url: t.url!, timeouts: { connectMs: 5_000, queryMs: 3_000, transactionMs: 3_000 } });
    try {
      // Four statements of 1.2 s each, issued together on the transaction's connection: each runs
      // well within the bound, all four together take longer than it.
      const slept = await answered(
        db.sql.transaction((tx) => Promise.all(Array.from({ length: 4 }, () => tx.query<{ ok: number }>("SELECT 1 AS ok FROM pg_sleep(1.2)")))),
        "four statements in one transaction",
      );
      expect(slept.map((r) => r[0]?.ok)).toEqual([1, 1, 1, 1]);
    } finally {
      await db.close().catch(() => undefined);
      await t.cleanup();
    }
  });
});

/** PGlite behind a driver that holds every call while `stalled` is set, and lets them run when it is cleared. */
function stallable() {
  let stalled = false;
  const held: Array<() => void> = [];
  const gate = () => (stalled ? new Promise<void>((r) => held.push(r)) : Promise.resolve());
  return {
    stall() {
      stalled = true;
    },
    release() {
      stalled = false;
      for (const r of held.splice(0)) r();
    },
    get held() {
      return held.length;
    },
    wrap: (db: PGlite): PgliteDriver => ({
      query: <T,>(...args: Parameters<PGlite["query"]>) => gate().then(() => db.query<T>(...args)),
      exec: (...args: Parameters<PGlite["exec"]>) => gate().then(() => db.exec(...args)),
      transaction: (fn) => gate().then(() => db.transaction(fn)),
    }),
  };
}

describe("PGlite with a stalled query", () => {
  it("a command and a free-text update answer 'unavailable' within the bounds, nothing is stored, and work resumes when the store does", async () => {
    const driver = stallable();
    const db = await openDatabase({ kind: "memory", timeouts: BOUNDS, wrapDriver: driver.wrap });
    try {
      await migrate(db.sql);
      const { say, logLines } = await boundChat(db);
      await until(say, "/task 7", "任务 7");
      logLines.length = 0;

      driver.stall();
      for (const text of ["/task 7", "#7 60% 卡住"]) {
        const out = await answered(say(text), text);
        expect(out).toContain(UNAVAILABLE);
      }
      expect(driver.held).toBeGreaterThan(0);
      expect(unavailableWarnings(logLines).length).toBeGreaterThanOrEqual(2);
      expect(logLines.filter((x) => x.level === "error")).toEqual([]);

      // The stalled calls now run, late: the update whose caller was told "not stored" must not
      // be written by them.
      driver.release();
      await until(say, "/task 7", "任务 7");
      expect(await until(say, "#7 70% 恢复", "已记录")).toContain("任务 7");
      const stored = await notes(db);
      expect(stored.some((n) => n.includes("恢复"))).toBe(true);
      expect(stored.some((n) => n.includes("卡住"))).toBe(false);
    } finally {
      driver.release();
      await db.close();
    }
  });
});
