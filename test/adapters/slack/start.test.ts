import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSlackAdapter, type SlackAdapterConfig } from "../../../src/adapters/slack/slack-adapter.ts";
import type { Services } from "../../../src/core/command.ts";
import type { Dispatcher } from "../../../src/core/dispatcher.ts";
import { FakeSlack } from "../../fakes/slack/fake-slack.ts";
import { captureLog } from "../../helpers/core.ts";

/** Starting and stopping only: nothing is dispatched, so the core is a stub here. */
describe("Slack adapter start and stop", () => {
  const fake = new FakeSlack();
  const captured = captureLog();
  const base = (): SlackAdapterConfig => ({
    botToken: "xoxb-secret-bot-token",
    signingSecret: "s",
    port: 0,
    apiUrl: fake.apiUrl.replace(/\/$/, ""),
    apiRetries: 0,
    services: {} as Services,
    dispatcher: {} as Dispatcher,
    logger: captured.log,
  });
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(async () => fake.stop());

  it("needs an app token or a signing secret", () => {
    expect(() => createSlackAdapter({ ...base(), signingSecret: undefined })).toThrow(/SLACK_APP_TOKEN.*SLACK_SIGNING_SECRET/);
  });

  it("HTTP mode binds a port (0 = a free one) and checks the token with auth.test first", async () => {
    const adapter = createSlackAdapter(base());
    expect(adapter.mode).toBe("http");
    await adapter.start();
    try {
      expect(adapter.port).toBeGreaterThan(0);
      expect(fake.calls("auth.test").at(-1)?.auth).toBe("Bearer xoxb-secret-bot-token");
      const res = await fetch(`http://127.0.0.1:${adapter.port}/slack/events`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
      expect(res.status).toBe(401);
    } finally {
      await adapter.stop();
    }
    await adapter.stop();
  });

  it("a rejected bot token fails start() with Slack's error and listens on nothing", async () => {
    fake.failures.set("auth.test", "invalid_auth");
    try {
      const adapter = createSlackAdapter(base());
      await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
      expect(adapter.port).toBeUndefined();
      await adapter.stop();
    } finally {
      fake.failures.delete("auth.test");
    }
  });

  it("never writes a token to the log", () => {
    expect(JSON.stringify(captured.lines)).not.toMatch(/xoxb-secret|xapp-/);
  });
});
