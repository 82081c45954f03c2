import { execFile } from "node:child_process";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "../../src/config/env.ts";
import { createLogger } from "../../src/config/logger.ts";
import { configIssues } from "../helpers/config.ts";

describe("configuration", () => {
  it("defaults give the embedded store, zh-CN and Asia/Shanghai", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DUBAN_LOCALE).toBe("zh-CN");
    expect(env.DUBAN_TIMEZONE).toBe("Asia/Shanghai");
    expect(env.DUBAN_STALE_DAYS).toBe(14);
  });

  it("names every bad variable", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", DUBAN_LOCALE: "fr", DUBAN_TIMEZONE: "Mars/Base", DUBAN_ADMINS: "U123" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const vars = (err as ConfigError).issues.map((i) => i.split(":")[0]);
      expect(vars).toEqual(["DATABASE_URL", "DUBAN_LOCALE", "DUBAN_TIMEZONE", "DUBAN_ADMINS.0"]);
    }
  });

  it("a platform token without its companion names the missing variable", () => {
    expect(configIssues({ SLACK_BOT_TOKEN: "xoxb-1" })).toEqual([expect.stringMatching(/^SLACK_SIGNING_SECRET: set SLACK_APP_TOKEN/)]);
    expect(configIssues({ DISCORD_TOKEN: "t" })).toEqual(["DISCORD_APPLICATION_ID: is required with DISCORD_TOKEN"]);
    expect(configIssues({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).toEqual([]);
  });

  it("empty strings count as unset (a blank line in .env does not break start)", () => {
    expect(parseEnv({ DATABASE_URL: "", SLACK_BOT_TOKEN: " " }).platforms).toEqual([]);
  });
});

describe("store and shutdown bounds", () => {
  it("default to connect 5 s, query 10 s, transaction 30 s, shutdown 10 s; blank counts as unset", () => {
    const env = parseEnv({ DUBAN_DB_QUERY_TIMEOUT_MS: " " });
    expect([env.DUBAN_DB_CONNECT_TIMEOUT_MS, env.DUBAN_DB_QUERY_TIMEOUT_MS, env.DUBAN_DB_TRANSACTION_TIMEOUT_MS, env.DUBAN_SHUTDOWN_TIMEOUT_MS]).toEqual([5000, 10000, 30000, 10000]);
    expect(parseEnv({ DUBAN_DB_QUERY_TIMEOUT_MS: "2500", DUBAN_SHUTDOWN_TIMEOUT_MS: "60000" })).toMatchObject({ DUBAN_DB_QUERY_TIMEOUT_MS: 2500, DUBAN_SHUTDOWN_TIMEOUT_MS: 60000 });
  });

  it("names a bad bound, and a query bound longer than the transaction bound", () => {
    expect(configIssues({ DUBAN_DB_CONNECT_TIMEOUT_MS: "5s", DUBAN_SHUTDOWN_TIMEOUT_MS: "0" }).map((i) => i.split(":")[0])).toEqual(["DUBAN_DB_CONNECT_TIMEOUT_MS", "DUBAN_SHUTDOWN_TIMEOUT_MS"]);
    expect(configIssues({ DUBAN_DB_QUERY_TIMEOUT_MS: "60000" })).toEqual([expect.stringMatching(/^DUBAN_DB_QUERY_TIMEOUT_MS: must not exceed DUBAN_DB_TRANSACTION_TIMEOUT_MS/)]);
  });
});

describe("logging", () => {
  it("a log line reaches stderr before the CLI's next line there, even with the thread pool busy", async () => {
    // The CLI logs "duban stopped" and then writes its one-line reason, which must come last.
    const logger = fileURLToPath(new URL("../../src/config/logger.ts", import.meta.url));
    const script = `
      import crypto from "node:crypto";
      import { createLogger } from ${JSON.stringify(logger)};
      for (let i = 0; i < 8; i++) crypto.pbkdf2("x", "y", 300000, 32, "sha256", () => {});
      createLogger("info").fatal("logged first");
      process.stderr.write("written second\\n");
      setTimeout(() => process.exit(1), 50);`;
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script]);
    const { stderr } = await run.catch((err: { stderr: string }) => err);
    const lines = stderr.trim().split("\n");
    expect(lines[0]).toContain("logged first");
    expect(lines.at(-1)).toBe("written second");
  });

  it("never writes tokens, secrets or the database password", () => {
    let out = "";
    const sink = new Writable({ write: (chunk, _e, cb) => ((out += chunk), cb()) });
    const log = createLogger("info", sink);
    log.info({ token: "xoxb-secret-1", config: { botToken: "xoxb-secret-2", signingSecret: "sig-secret", appToken: "xapp-secret" }, headers: { authorization: "Bot discord-secret" }, DATABASE_URL: "postgresql://u:pw-secret@h/db" }, "starting");
    for (const secret of ["xoxb-secret-1", "xoxb-secret-2", "sig-secret", "xapp-secret", "discord-secret", "pw-secret"]) expect(out).not.toContain(secret);
    expect(out).toContain("[redacted]");
  });
});

describe(".env.example", () => {
  it("copied to .env as it is, parses into a valid configuration", async () => {
    const { parseEnv: parseDotenv } = await import("node:util");
    const fs = await import("node:fs");
    const values = parseDotenv(fs.readFileSync(new URL("../../.env.example", import.meta.url), "utf8"));
    expect(values.DUBAN_LOCALE).toBe("zh-CN");
    expect(() => parseEnv(values)).not.toThrow();
  });
});

describe("PORT", () => {
  it("anything but a whole number from 1 to 65535 is refused in plain words", () => {
    for (const port of ["abc", "0", "70000", "3.5", "-1"]) {
      expect(() => parseEnv({ PORT: port }), port).toThrow(/^PORT must be a port number \(1–65535\)$/);
    }
    // PORT belongs to the receivers that listen on it (Slack's HTTP mode).
    const slackPort = (port: string) => (parseEnv({ PORT: port, SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).platforms[0]!.config as { port: number }).port;
    expect(slackPort(" 8080 ")).toBe(8080);
    expect(slackPort("")).toBe(3000);
  });
});
