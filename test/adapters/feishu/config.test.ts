import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createAdapter } from "../../../src/adapters/feishu/adapter.ts";
import { createFeishuAdapter } from "../../../src/adapters/feishu/feishu-adapter.ts";
import { feishuPlatform } from "../../../src/adapters/feishu/platform.ts";
import { FakeFeishu } from "../../fakes/feishu/fake-feishu.ts";
import { ALICE, core, XLSX } from "./harness.ts";

// How the app is set up: a permission it lacks, credentials that do not work, an open platform
// that is down at start, the FEISHU_* variables. (The adapter at work: feishu.test.ts.)
describe("Feishu without the permission to upload files", () => {
  it("saves a reply's files on the server and the answer names where", async () => {
    const fake = await new FakeFeishu().start();
    fake.refuseUploads = true;
    const c = core();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "feishu-files-"));
    const adapter = createFeishuAdapter(
      { appId: fake.appId, appSecret: fake.appSecret, domain: fake.url },
      { log: c.services.log, accept: (e) => c.inbound.accept(e), track: (w, work) => c.inbound.track(w, work), idle: () => c.inbound.idle(), filesDir: dir },
    );
    try {
      await adapter.start();
      const { messageId } = fake.pushMessage({ text: "/export", sender: ALICE });
      const all = await fake.waitFor(() => (fake.repliesTo(messageId).length >= 2 ? fake.repliesTo(messageId) : undefined));
      const note = JSON.parse(all[1]!.content).text as string;
      expect(note).toContain(path.join(dir, "督办台账.xlsx"));
      expect(note).toContain(path.join(dir, "进度.png"));
      expect([...fs.readFileSync(path.join(dir, "督办台账.xlsx"))]).toEqual([...XLSX.data]);
    } finally {
      await adapter.stop();
      await fake.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Feishu start and configuration", () => {
  it("a wrong app secret fails the start, naming the variables to check and not the secret", async () => {
    const fake = await new FakeFeishu().start();
    const c = core();
    try {
      const adapter = createAdapter({ appId: fake.appId, appSecret: "wrong-secret-77", domain: fake.url }, { services: c.services, dispatcher: c.dispatcher, inbound: c.inbound, commands: [], logger: c.services.log });
      const err = (await adapter.start().catch((e: unknown) => e)) as Error;
      expect(err.message).toMatch(/FEISHU_APP_SECRET/);
      expect(err.message).not.toContain("wrong-secret-77");
      expect(fake.endpointRequests).toEqual([]);
    } finally {
      await fake.stop();
    }
  });

  it("an open platform failing at start is tried again; stop ends the connection for good", async () => {
    const fake = await new FakeFeishu().start();
    const c = core();
    try {
      fake.failNext("/open-apis/auth/v3/tenant_access_token/internal", { status: 503, body: { msg: "Service Unavailable" } });
      const adapter = createAdapter({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url }, { services: c.services, dispatcher: c.dispatcher, inbound: c.inbound, commands: [], logger: c.services.log });
      await adapter.start();
      expect(c.logLines.some((l) => l.msg === "feishu: open platform not answering at start; trying again")).toBe(true);
      expect(fake.tokenRequests).toBe(1); // the injected 503 is answered before counting
      await fake.waitFor(() => fake.socketConnected);
      await adapter.stop();
      await fake.waitFor(() => !fake.socketConnected);
      const endpoints = fake.endpointRequests.length;
      await new Promise((r) => setTimeout(r, 1500));
      expect(fake.endpointRequests.length).toBe(endpoints);
    } finally {
      await fake.stop();
    }
  });

  it("reads FEISHU_* (feishu, lark or a URL; half a configuration names the missing variable)", () => {
    const parse = (env: Record<string, string>) => feishuPlatform.config.safeParse(env);
    const id = "cli_a1b2c3d4e5f60718";
    expect(parse({}).data).toBeNull();
    expect(parse({ FEISHU_APP_ID: id, FEISHU_APP_SECRET: "s" }).data).toEqual({ appId: id, appSecret: "s", domain: "https://open.feishu.cn" });
    expect(parse({ FEISHU_APP_ID: id, FEISHU_APP_SECRET: "s", FEISHU_DOMAIN: "lark" }).data).toMatchObject({ domain: "https://open.larksuite.com" });
    expect(parse({ FEISHU_APP_ID: id, FEISHU_APP_SECRET: "s", FEISHU_DOMAIN: "https://open.example.gov.cn/" }).data).toMatchObject({ domain: "https://open.example.gov.cn" });
    const issues = (env: Record<string, string>) => parse(env).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(issues({ FEISHU_APP_ID: id })).toEqual(["FEISHU_APP_SECRET: is required with FEISHU_APP_ID"]);
    expect(issues({ FEISHU_APP_SECRET: "s" })).toEqual(["FEISHU_APP_ID: is required with FEISHU_APP_SECRET"]);
    expect(issues({ FEISHU_APP_ID: "app1", FEISHU_APP_SECRET: "s" })[0]).toMatch(/^FEISHU_APP_ID: must look like cli_/);
    expect(issues({ FEISHU_APP_ID: id, FEISHU_APP_SECRET: "s", FEISHU_DOMAIN: "ftp://x" })[0]).toMatch(/^FEISHU_DOMAIN: must be feishu, lark or an http\(s\) URL/);
  });
});
