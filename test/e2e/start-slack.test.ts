import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { slashCommand } from "../fakes/slack/payloads.ts";
import { tempDataDir } from "../helpers/cli.ts";
import { dueHourlyDigest, sampleDataDir, startDuban, stopCleanly } from "../helpers/duban-start.ts";

/** `duban start` with Slack credentials: the real process in Socket Mode against the fake Slack. */
describe("duban start with Slack credentials", () => {
  let fake: FakeSlack;
  const dir = tempDataDir();
  beforeAll(async () => {
    fake = await new FakeSlack().start();
    // A plan bound to C0DIGEST with an hourly digest that was already due before this start.
    await sampleDataDir(dir, async ({ db, store, planId }) => {
      await store.updateChannel("slack", "C0DIGEST", { planId });
      await dueHourlyDigest(db, "slack", "C0DIGEST", planId);
    });
  });
  afterAll(async () => {
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const startBot = () =>
    startDuban(dir, { SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_APP_TOKEN: "xapp-test-token", SLACK_API_URL: fake.apiUrl }, () => fake.waitFor(() => fake.socketConnected || undefined, 60_000));
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
      const output = await stopCleanly(bot);
      expect(output).not.toContain("xoxb-test-token");
      expect(output).not.toContain("xapp-test-token");
    }
    expect(fs.existsSync(path.join(dir, "duban.lock"))).toBe(false);
  });

  it("a restart within the same period does not post the digest again", async () => {
    const before = digestPosts().length;
    const bot = await startBot();
    await new Promise((r) => setTimeout(r, 3000));
    await stopCleanly(bot);
    // The hourly period may have turned over between the two tests: then one new digest is right.
    expect(digestPosts().length - before).toBeLessThanOrEqual(new Date().getUTCHours() === postedHour ? 0 : 1);
  });
});
