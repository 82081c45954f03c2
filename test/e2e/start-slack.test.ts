import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, migrate, openDatabase } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { slashCommand } from "../fakes/slack/payloads.ts";
import { ROOT, tempDataDir } from "../helpers/cli.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/** `duban start` with Slack credentials: the real process in Socket Mode against the fake Slack. */
describe("duban start with Slack credentials", () => {
  let fake: FakeSlack;
  const dir = tempDataDir();
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    // A plan bound to C0DIGEST with an hourly digest that was already due before this start.
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    await migrate(db.sql);
    const { planId } = await savePlan(db.prisma, samplePlan(), { name: "sample", hash: "s" });
    await createStore(db).updateChannel("slack", "C0DIGEST", { planId });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await createScheduleStore(db).saveSchedule(
      { platform: "slack", channelId: "C0DIGEST", planId, kind: "digest", cron: "0 * * * *", timezone: "Asia/Shanghai", workdaysOnly: false, locale: null, createdBy: "test" },
      twoHoursAgo,
    );
    await db.close();
  });
  afterAll(async () => {
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function startBot() {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), "start"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DUBAN_DATA_DIR: dir, DUBAN_SEED: "off", LOG_LEVEL: "warn", SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_APP_TOKEN: "xapp-test-token", SLACK_API_URL: fake.apiUrl, DISCORD_TOKEN: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await fake.waitFor(() => fake.socketConnected || undefined, 60_000);
    return { stop: async () => (child.kill("SIGTERM"), { code: await exited, stderr }) };
  }
  let postedHour = -1;
  const digestPosts = () => fake.calls("chat.postMessage").filter((c) => c.args.channel === "C0DIGEST");

  it("answers a slash command, posts the due digest once, and shuts down cleanly on SIGTERM", async () => {
    const bot = await startBot();
    try {
      fake.sendEnvelope("slash_commands", slashCommand({ command: "/duban", text: "help", responseUrl: fake.responseUrl("start-help") }));
      const [r] = await fake.responded("start-help");
      expect(JSON.stringify(r!.body)).toContain("/task");
      expect(fs.existsSync(path.join(dir, "duban.lock"))).toBe(true);
      await fake.waitFor(() => digestPosts().length > 0 || undefined, 30_000);
      expect(JSON.stringify(digestPosts()[0]!.args)).toContain("督办简报");
      postedHour = new Date().getUTCHours();
    } finally {
      const { code, stderr } = await bot.stop();
      expect(code, stderr).toBe(0);
      expect(stderr).not.toContain("xoxb-test-token");
      expect(stderr).not.toContain("xapp-test-token");
    }
    expect(fs.existsSync(path.join(dir, "duban.lock"))).toBe(false);
  });

  it("a restart within the same period does not post the digest again", async () => {
    const before = digestPosts().length;
    const bot = await startBot();
    await new Promise((r) => setTimeout(r, 3000));
    const { code } = await bot.stop();
    expect(code).toBe(0);
    // The hourly period may have turned over between the two tests: then one new digest is right.
    expect(digestPosts().length - before).toBeLessThanOrEqual(new Date().getUTCHours() === postedHour ? 0 : 1);
  });
});
