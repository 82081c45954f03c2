import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DingTalkAdapter } from "../../../src/adapters/dingtalk/dingtalk-adapter.ts";
import { ADMIN, DM, GROUP, STAFF, startHarness } from "./harness.ts";

type Harness = Awaited<ReturnType<typeof startHarness>>;

describe("DingTalk adapter against the fake DingTalk (real SDK, real store and dispatcher)", () => {
  let h: Harness;
  let adapter: DingTalkAdapter;
  beforeAll(async () => {
    h = await startHarness();
    adapter = h.makeAdapter();
    await adapter.start();
    await h.fake.waitFor(() => h.fake.socketConnected);
  });
  afterAll(() => h?.stop());
  const connected = async () => ({ fake: h.fake, adapter, db: h.db });

  it("a DM /task 7 is acknowledged and answered with the task card through the sessionWebhook", async () => {
    const { fake, adapter } = await connected();
    const { messageId } = fake.pushRobotMessage({ text: "/task 7", senderStaffId: STAFF, session: "dm-1" });
    const [reply] = await fake.waitFor(() => (fake.repliesTo("dm-1").length ? fake.repliesTo("dm-1") : undefined));
    expect(fake.acksOf(messageId)).toHaveLength(1);
    expect(reply!.body.msgtype).toBe("actionCard");
    expect(reply!.body.actionCard.title).toContain("7");
    expect(reply!.body.actionCard.btns.map((b: { actionURL: string }) => decodeURIComponent(b.actionURL))).toContainEqual(expect.stringMatching(/^dtmd:\/\/dingtalkclient\/sendMessage\?content=\/update plan:\d+ 7 done$/));
    await adapter.idle();
    expect(fake.rejected).toEqual([]);
  });

  it("a group @-mention update pushed twice is stored once and confirmed once", async () => {
    const { fake, adapter, db } = await connected();
    const { messageId } = fake.pushRobotMessage({ text: "@督办 #7 60% 已验收", conversationType: "2", conversationId: GROUP, senderStaffId: STAFF, session: "g-1" });
    await fake.waitFor(() => fake.repliesTo("g-1").length > 0);
    fake.repush(messageId);
    await fake.waitFor(() => fake.acksOf(messageId).length === 2);
    await adapter.idle();
    const rows = await db.db.prisma.progressUpdate.findMany({ where: { sourcePlatform: "dingtalk" } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ percent: 60, channelId: GROUP });
    expect(fake.repliesTo("g-1")).toHaveLength(1);
    const links = fake.repliesTo("g-1")[0]!.body.actionCard.btns.map((b: { actionURL: string }) => decodeURIComponent(b.actionURL));
    expect(links.join("\n")).toMatch(/sendMessage\?content=\/undo \d+/);
  });

  it("a private answer to a group message goes to the asker one-to-one", async () => {
    const { fake, adapter } = await connected();
    const before = fake.robotPosts.length;
    fake.pushRobotMessage({ text: "/task 999", conversationType: "2", conversationId: GROUP, senderStaffId: STAFF, session: "g-2" });
    await fake.waitFor(() => fake.robotPosts.length > before);
    await adapter.idle();
    expect(fake.robotPosts.at(-1)).toMatchObject({ path: "/v1.0/robot/oToMessages/batchSend", body: { userIds: [STAFF] } });
    expect(fake.repliesTo("g-2")).toEqual([]);
  });

  it("after the sessionWebhook expired, the reply goes through the robot-send API", async () => {
    const { fake, adapter } = await connected();
    fake.pushRobotMessage({ text: "/task 7", conversationType: "2", conversationId: GROUP, senderStaffId: STAFF, session: "old", sessionWebhookExpiredTime: Date.now() - 1000 });
    await fake.waitFor(() => fake.robotPosts.some((p) => p.path.endsWith("groupMessages/send")));
    await adapter.idle();
    const post = fake.robotPosts.find((p) => p.path.endsWith("groupMessages/send"));
    expect(post).toMatchObject({ body: { openConversationId: GROUP } });
    expect(post!.param.text).toContain("dtmd://dingtalkclient/sendMessage");
  });

  it("/owner and /whois work with DingTalk staff ids: @-mentions in, notifying @-mentions out", async () => {
    const { fake, adapter } = await connected();
    fake.pushRobotMessage({ text: "/owner 市公安局 @王五\u2005", conversationType: "2", conversationId: GROUP, senderStaffId: ADMIN, atStaffIds: ["s-wang"], session: "g-owner" });
    await fake.waitFor(() => fake.repliesTo("g-owner").length > 0);
    fake.pushRobotMessage({ text: "/whois @王五\u2005", conversationType: "2", conversationId: GROUP, senderStaffId: STAFF, atStaffIds: ["s-wang"], session: "g-whois" });
    const [whois] = await fake.waitFor(() => (fake.repliesTo("g-whois").length ? fake.repliesTo("g-whois") : undefined));
    await adapter.idle();
    const body = whois!.body;
    expect(JSON.stringify(body)).toContain("市公安局");
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.text).toContain("@s-wang");
    expect(body.at.atUserIds).toContain("s-wang");
  });

  it("a wrong secret fails the start with a message naming the variables, not the secret", async () => {
    const opens = h.fake.gatewayOpens.length;
    const err = (await h.makeAdapter("not-the-secret-123").start().catch((e: unknown) => e)) as Error;
    expect(err.message).toContain("DINGTALK_CLIENT_SECRET");
    expect(err.message).not.toContain("not-the-secret-123");
    expect(h.fake.gatewayOpens.length).toBe(opens);
  });

  it("stop closes the stream for good: no reconnect afterwards", async () => {
    const { fake } = await connected();
    await adapter.stop();
    await fake.waitFor(() => !fake.socketConnected);
    const opens = fake.gatewayOpens.length;
    await new Promise((r) => setTimeout(r, 1500)); // longer than the SDK's 1 s reconnect delay
    expect(fake.gatewayOpens.length).toBe(opens);
    expect(DM).toContain(STAFF);
  });
});
