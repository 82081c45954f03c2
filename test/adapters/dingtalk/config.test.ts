import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { dingtalkPlatform } from "../../../src/adapters/dingtalk/platform.ts";
import { parseEnv } from "../../../src/config/env.ts";
import { createLogger } from "../../../src/config/logger.ts";
import { configIssues } from "../../helpers/config.ts";

describe("DingTalk configuration", () => {
  it("is off without credentials, on with both, with api.dingtalk.com by default", () => {
    expect(parseEnv({}).platforms.map((p) => p.definition.name)).not.toContain("dingtalk");
    const env = parseEnv({ DINGTALK_CLIENT_ID: "dingabc", DINGTALK_CLIENT_SECRET: "s3cret" });
    const dt = env.platforms.find((p) => p.definition.name === "dingtalk");
    expect(dt?.config).toEqual({ clientId: "dingabc", clientSecret: "s3cret", apiUrl: "https://api.dingtalk.com" });
    const local = parseEnv({ DINGTALK_CLIENT_ID: "a", DINGTALK_CLIENT_SECRET: "b", DINGTALK_API_URL: "http://127.0.0.1:9/" });
    expect(local.platforms.find((p) => p.definition.name === "dingtalk")?.config).toMatchObject({ apiUrl: "http://127.0.0.1:9" });
  });

  it("half a configuration names the missing variable; a bad URL names DINGTALK_API_URL", () => {
    expect(configIssues({ DINGTALK_CLIENT_ID: "a" })).toEqual(["DINGTALK_CLIENT_SECRET: is required with DINGTALK_CLIENT_ID"]);
    expect(configIssues({ DINGTALK_CLIENT_SECRET: "b" })).toEqual(["DINGTALK_CLIENT_ID: is required with DINGTALK_CLIENT_SECRET"]);
    expect(configIssues({ DINGTALK_CLIENT_ID: "a", DINGTALK_CLIENT_SECRET: "b", DINGTALK_API_URL: "api.dingtalk.com" })[0]).toMatch(/^DINGTALK_API_URL: must be an http\(s\) URL/);
  });

  it("the secret is redacted from log lines", () => {
    let out = "";
    const log = createLogger("info", new Writable({ write: (c, _e, cb) => ((out += c), cb()) }));
    log.info({ DINGTALK_CLIENT_SECRET: "dt-secret-1", env: { DINGTALK_CLIENT_SECRET: "dt-secret-2" } }, "x");
    expect(out).not.toContain("dt-secret-1");
    expect(dingtalkPlatform.secrets).toEqual(["DINGTALK_CLIENT_SECRET"]);
  });
});
