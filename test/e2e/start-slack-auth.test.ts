import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter } from "../../src/adapters/slack/slack-adapter.ts";
import { openDatabase } from "../../src/store/index.ts";
import { FakeSlack } from "../fakes/slack/fake-slack.ts";
import { captureLog, testDispatcher, testServices } from "../helpers/core.ts";
import { runCli, tempDataDir } from "../helpers/cli.ts";

/** Slack credentials are checked at start (auth.test, and apps.connections.open for Socket Mode); only network errors are retried. */
describe("starting with Slack credentials that do not work", () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await new FakeSlack().start();
  });
  afterAll(async () => fake?.stop());

  /** `duban start` with Slack refusing one Web API method (the token it checks). */
  async function startRefused(method: string, tokens: { SLACK_BOT_TOKEN: string; SLACK_APP_TOKEN: string }) {
    fake.failures.set(method, "invalid_auth");
    try {
      return await runCli(["start"], {
        env: { DUBAN_DATA_DIR: tempDataDir(), DUBAN_SEED: "off", LOG_LEVEL: "silent", ...tokens, SLACK_API_URL: fake.apiUrl, DISCORD_TOKEN: "" },
        timeoutMs: 180_000,
      });
    } finally {
      fake.failures.delete(method);
    }
  }

  it("a refused bot token: one line naming Slack and the reason, exit 1 (no platform could start)", async () => {
    const r = await startRefused("auth.test", { SLACK_BOT_TOKEN: "xoxb-bad", SLACK_APP_TOKEN: "xapp-1" });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("duban: slack could not start: Slack refused the bot token (invalid_auth): check SLACK_BOT_TOKEN\nduban: no platform could start\n");
    expect(fake.calls("auth.test")).toHaveLength(1);
  }, 200_000);

  it("a refused app-level token (Socket Mode): one line naming Slack and the reason, exit 1, no socket opened", async () => {
    const r = await startRefused("apps.connections.open", { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-bad" });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "duban: slack could not start: Slack refused the app-level token (invalid_auth): check SLACK_APP_TOKEN (an xapp-… token with connections:write)\nduban: no platform could start\n",
    );
    expect(fake.calls("apps.connections.open").map((c) => c.auth)).toEqual(["Bearer xapp-bad"]);
    expect(fake.socketConnected).toBe(false);
  }, 200_000);

  it("no network: retried with backoff, each retry logged as a network error, then a clear failure", async () => {
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const db = await openDatabase({ kind: "memory" });
    try {
      const { services } = testServices(db);
      const captured = captureLog();
      const adapter = createSlackAdapter({
        botToken: "xoxb-1",
        appToken: "xapp-1",
        apiUrl: `http://127.0.0.1:${closed}/api/`,
        authRetryDelaysMs: [0, 0],
        services,
        dispatcher: testDispatcher(services),
        logger: captured.log,
      });
      await expect(adapter.start()).rejects.toThrow(/^Slack could not be reached \(ECONNREFUSED\); gave up after 3 attempts$/);
      const retries = captured.lines.filter((l) => l.level === "warn" && /network error, retrying/.test(l.msg ?? ""));
      expect(retries).toHaveLength(2);
      await adapter.stop();
    } finally {
      await db.close();
    }
  });
});
