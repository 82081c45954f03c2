import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, migrate, openDatabase, type Database } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { channelMessage, eventCallback } from "../fakes/slack/payloads.ts";
import { postToBolt } from "../fakes/slack/sign.ts";
import { ROOT, tempDataDir } from "../helpers/cli.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/**
 * Issue 17 item 5, with the real process: `duban start` in Slack HTTP mode against the fake Slack
 * is killed (SIGKILL) in the middle of a burst of signed message events. Every event Slack got a
 * 2xx for must be stored — exactly once — after a restart on the same store: the inbox holds
 * them from before the acknowledgement, and the restarted process handles what the killed one had
 * not. (Before the inbox, Bolt acknowledged first and a killed process lost its backlog.)
 */
const SECRET = "inbox-kill-signing-secret";
const CHANNEL = "C0BURST";
const BURST = 160;
const CONCURRENCY = 6;

const backends = [
  { name: "PGlite data directory", postgres: false },
  { name: "PostgreSQL", postgres: true },
] as const;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves once `pred` holds, checking every 50 ms; a hang guard only, never a speed goal. */
async function until(pred: () => boolean, what: string, guardMs = 240_000): Promise<void> {
  const start = Date.now();
  while (!pred()) {
    if (Date.now() - start > guardMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

for (const backend of backends) {
  const skip = backend.postgres && !process.env.TEST_DATABASE_URL;
  describe.skipIf(skip)(`kill -9 during a Slack burst (${backend.name})`, () => {
    let fake: FakeSlack;
    let pg: TestDatabase | undefined;
    const dir = tempDataDir();
    let port: number;

    beforeAll(async () => {
      fake = await new FakeSlack().start();
      port = await freePort();
      let db: Database;
      if (backend.postgres) {
        pg = await openTestDatabase("postgres");
        db = pg.db;
      } else {
        db = await openDatabase({ kind: "pglite", dataDir: dir });
        await migrate(db.sql);
      }
      const { planId } = await savePlan(db.prisma, samplePlan(), { name: "sample", hash: "s" });
      const store = createStore(db);
      await store.updateChannel("slack", CHANNEL, { planId });
      // An open channel: every member's update is stored without a unit mapping.
      await store.setChannelOpen("slack", CHANNEL, planId, true);
      if (!backend.postgres) await db.close();
    });
    afterAll(async () => {
      await fake?.stop();
      await pg?.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    function startBot(): { child: ChildProcess; log: () => string; exited: Promise<number | null> } {
      const env: Record<string, string> = {};
      for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(SLACK_|DISCORD_|DINGTALK_|FEISHU_|LARK_)/.test(k)) env[k] = v;
      Object.assign(env, {
        DATABASE_URL: pg?.url ?? "",
        DUBAN_DATA_DIR: dir,
        DUBAN_SEED: "off",
        LOG_LEVEL: "info",
        SLACK_BOT_TOKEN: "xoxb-inbox-token",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        // A restarted process may take over what the killed one held after one second.
        DUBAN_INBOX_LEASE_SECONDS: "1",
        // A hang guard only: shutdown must not cut the check short on a slow machine.
        DUBAN_SHUTDOWN_TIMEOUT_MS: "120000",
      });
      const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), "start"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      let log = "";
      child.stdout!.on("data", (d) => (log += d));
      child.stderr!.on("data", (d) => (log += d));
      const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
      return { child, log: () => log, exited };
    }

    it("every event acknowledged with a 2xx is stored exactly once after the restart", async () => {
      const first = startBot();
      await until(() => first.log().includes("duban started") || first.child.exitCode !== null, "the bot to start");
      expect(first.child.exitCode, first.log()).toBeNull();

      const url = `http://127.0.0.1:${port}/slack/events`;
      const ts = (i: number) => `1800000000.${String(i).padStart(6, "0")}`;
      const acked = new Set<number>();
      const answered = () => fake.calls("chat.postMessage").filter((c) => c.args.channel === CHANNEL).length;
      let next = 0;
      let killed = false;
      const sender = async () => {
        while (!killed && next < BURST) {
          const i = next++;
          const event = eventCallback(channelMessage({ text: `#${i % 2 ? 1 : 7} ${(i % 9) * 10 + 10}% 压测${i}`, channel: CHANNEL, ts: ts(i) }), `EvBurst${i}`);
          try {
            const res = await postToBolt(url, SECRET, { json: event });
            if (res.status >= 200 && res.status < 300) acked.add(i);
          } catch {
            // The process died with this request open: Slack saw no 2xx and would deliver it again.
          }
        }
      };
      const senders = Array.from({ length: CONCURRENCY }, sender);
      // Kill once a backlog exists (acknowledged, not answered yet), or at the end of the burst.
      await until(() => (acked.size >= 30 && acked.size - answered() >= 4) || next >= BURST, "a backlog of acknowledged events");
      first.child.kill("SIGKILL");
      killed = true;
      await first.exited;
      await Promise.all(senders);
      const answeredBeforeKill = answered();
      expect(acked.size).toBeGreaterThanOrEqual(30);

      // The killed process's leases (one second) have run out before the restart takes over.
      await new Promise((r) => setTimeout(r, 1500));
      const second = startBot();
      await until(() => second.log().includes("duban started") || second.child.exitCode !== null, "the restarted bot to start");
      expect(second.child.exitCode, second.log()).toBeNull();
      await until(() => second.log().includes("inbox: start-up pass done"), "the restarted bot's pass over the inbox");
      second.child.kill("SIGTERM");
      expect(await second.exited, second.log()).toBe(0);

      const db = backend.postgres ? pg!.db : await openDatabase({ kind: "pglite", dataDir: dir });
      try {
        const rows = await db.prisma.progressUpdate.groupBy({ by: ["sourceMessageId"], where: { sourcePlatform: "slack" }, _count: { _all: true } });
        const counts = new Map(rows.map((r) => [r.sourceMessageId, r._count._all]));
        const missing = [...acked].filter((i) => counts.get(`${CHANNEL}:${ts(i)}`) !== 1);
        expect(missing, `acknowledged but not stored exactly once (of ${acked.size}; answered before the kill: ${answeredBeforeKill})`).toEqual([]);
        expect(rows.filter((r) => r._count._all !== 1)).toEqual([]);
        const inbox = await db.prisma.processedEvent.groupBy({ by: ["status"], where: { platform: "slack" }, _count: { _all: true } });
        expect(inbox.filter((r) => r.status !== "done")).toEqual([]);
      } finally {
        if (!backend.postgres) await db.close();
      }
      // What the killed process had not answered was answered after the restart, in each message's thread.
      const resumed = fake.calls("chat.postMessage").filter((c) => JSON.stringify(c.args).includes("服务重启前已收到"));
      for (const c of resumed) expect(String(c.args.thread_ts)).toMatch(/^1800000000\./);
    }, 600_000); // two starts of the real process and a burst: a hang guard for a busy machine
  });
}
