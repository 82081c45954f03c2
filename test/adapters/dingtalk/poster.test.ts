import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createOpenApi, MaybePostedError } from "../../../src/adapters/dingtalk/openapi.ts";
import { createDingTalkPoster } from "../../../src/adapters/dingtalk/poster.ts";
import type { Reply } from "../../../src/core/reply.ts";
import { PostError } from "../../../src/scheduler/types.ts";
import { FakeDingTalk } from "../../fakes/dingtalk/fake-dingtalk.ts";

const digest: Reply = { blocks: [{ type: "header", text: "督办简报 · 样例计划" }, { type: "text", text: "本周 3 项任务有更新。" }] };
const GROUP = { platform: "dingtalk", channelId: "cidGroup0001==" };

describe("DingTalk poster (OpenAPI robot sends)", () => {
  let fake: FakeDingTalk;
  let now = 1_000_000;
  beforeEach(async () => {
    fake = await new FakeDingTalk().start();
  });
  afterEach(() => fake.stop());
  const setup = () => {
    const api = createOpenApi({ apiUrl: fake.apiUrl, clientId: fake.clientId, clientSecret: fake.clientSecret, now: () => now });
    return { api, poster: createDingTalkPoster(api) };
  };

  it("posts a digest to a group with a fetched token, reusing the token until it nears expiry", async () => {
    const { poster } = setup();
    const { messageRef } = await poster.post(GROUP, digest, { idempotencyKey: "k1" });
    expect(messageRef).toMatch(/^dingtalk:/);
    const [p] = fake.robotPosts;
    expect(p).toMatchObject({ path: "/v1.0/robot/groupMessages/send", body: { robotCode: fake.clientId, openConversationId: "cidGroup0001==", msgKey: "sampleMarkdown" } });
    expect(p!.param.title).toBe("督办简报 · 样例计划");
    expect(p!.param.text).toContain("本周 3 项任务有更新。");
    await poster.post(GROUP, digest, { idempotencyKey: "k2" });
    expect(fake.tokenRequests).toBe(1);
    now += 7200_000; // expired
    await poster.post(GROUP, digest, { idempotencyKey: "k3" });
    expect(fake.tokenRequests).toBe(2);
    expect(await poster.findPosted!(GROUP, "k1")).toEqual({ messageRef });
  });

  it("renews a revoked token once and posts", async () => {
    const { poster } = setup();
    await poster.post(GROUP, digest);
    fake.revokeTokens();
    await poster.post(GROUP, digest);
    expect(fake.robotPosts).toHaveLength(2);
    expect(fake.tokenRequests).toBe(2);
  });

  it("a 429 is transient with DingTalk's retry-after, and known not posted", async () => {
    const { poster } = setup();
    fake.failNext("/v1.0/robot/groupMessages/send", { status: 429, headers: { "retry-after": "7" }, body: { code: "Throttling", message: "too many" } });
    const err = await poster.post(GROUP, digest, { idempotencyKey: "k" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PostError);
    expect(err).toMatchObject({ kind: "transient", retryAfterMs: 7000 });
    expect(await poster.findPosted!(GROUP, "k")).toBeNull();
    await poster.post(GROUP, digest, { idempotencyKey: "k" });
    expect(fake.robotPosts).toHaveLength(1);
  });

  it("a 500 after DingTalk may have posted fails for good instead of risking a duplicate", async () => {
    const { poster } = setup();
    fake.failNext("/v1.0/robot/groupMessages/send", { status: 500, commit: true });
    const err = await poster.post(GROUP, digest, { idempotencyKey: "k" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaybePostedError);
    expect((err as PostError).kind).toBe("permanent");
    expect(await poster.findPosted!(GROUP, "k")).toBeUndefined();
    expect(fake.robotPosts).toHaveLength(1);
  });

  it("a 503 is transient (not processed)", async () => {
    const { poster } = setup();
    fake.failNext("/v1.0/robot/groupMessages/send", { status: 503 });
    await expect(poster.post(GROUP, digest, { idempotencyKey: "k" })).rejects.toMatchObject({ kind: "transient" });
    expect(await poster.findPosted!(GROUP, "k")).toBeNull();
  });

  it("DMs go one-to-one by staff id; an unreachable user is dm_unavailable (the scheduler falls back to the channel)", async () => {
    const { poster } = setup();
    await poster.post({ platform: "dingtalk", userId: "staff01" }, digest);
    expect(fake.robotPosts[0]).toMatchObject({ path: "/v1.0/robot/oToMessages/batchSend", body: { userIds: ["staff01"] } });
    fake.invalidStaff.add("gone");
    await expect(poster.post({ platform: "dingtalk", userId: "gone" }, digest)).rejects.toMatchObject({ kind: "dm_unavailable" });
  });

  it("wrong credentials are a permanent error naming the variables, never the secret", async () => {
    const api = createOpenApi({ apiUrl: fake.apiUrl, clientId: fake.clientId, clientSecret: "wrong-secret-xyz" });
    const err = (await createDingTalkPoster(api).post(GROUP, digest).catch((e: unknown) => e)) as PostError;
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("DINGTALK_CLIENT_SECRET");
    expect(err.message).not.toContain("wrong-secret-xyz");
  });

  it("a long digest goes out in several messages; an interrupted one resumes with the missing parts only", async () => {
    const { poster } = setup();
    const long: Reply = { blocks: Array.from({ length: 12 }, (_, i) => ({ type: "text" as const, text: `第${i}段 ` + "保护中心建设按计划推进。".repeat(40) })) };
    fake.failNext("/v1.0/robot/groupMessages/send", { status: 503, skip: 1 });
    await expect(poster.post(GROUP, long, { idempotencyKey: "L" })).rejects.toMatchObject({ kind: "transient" });
    expect(fake.robotPosts).toHaveLength(1);
    expect(await poster.findPosted!(GROUP, "L")).toBeNull();
    await poster.post(GROUP, long, { idempotencyKey: "L" });
    expect(fake.robotPosts).toHaveLength(2);
    expect(fake.robotPosts[0]!.param.text).toContain("第0段");
    expect(fake.robotPosts[1]!.param.text).toContain("第11段");
    expect(await poster.findPosted!(GROUP, "L")).toMatchObject({ messageRef: expect.stringMatching(/^dingtalk:/) });
  });
});
