import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { slashCommand } from "../fakes/slack/payloads.ts";
import { ROOT, tempDataDir } from "../helpers/cli.ts";

/** `duban start` with Slack tokens: the real process, Socket Mode against the fake, then SIGTERM. */
describe("duban start with Slack credentials", () => {
  let fake: FakeSlack;
  const dir = tempDataDir();
  beforeAll(async () => {
    fake = await new FakeSlack().start();
  });
  afterAll(async () => {
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("connects in Socket Mode, answers a slash command, and shuts down cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), "start"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DUBAN_DATA_DIR: dir, DUBAN_SEED: "off", LOG_LEVEL: "warn", SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_APP_TOKEN: "xapp-test-token", SLACK_API_URL: fake.apiUrl, DISCORD_TOKEN: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    try {
      await fake.waitFor(() => fake.socketConnected || undefined, 60_000);
      fake.sendEnvelope("slash_commands", slashCommand({ command: "/duban", text: "help", responseUrl: fake.responseUrl("start-help") }));
      const [r] = await fake.responded("start-help");
      expect(JSON.stringify(r!.body)).toContain("/task");
      expect(fs.existsSync(path.join(dir, "duban.lock"))).toBe(true);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited, stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, "duban.lock"))).toBe(false);
    expect(stderr).not.toContain("xoxb-test-token");
    expect(stderr).not.toContain("xapp-test-token");
  });
});
