import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/index.ts";
import { FakeDingTalk } from "../fakes/dingtalk/fake-dingtalk.ts";
import { tempDataDir } from "../helpers/cli.ts";
import { dueHourlyDigest, joinTask7Unit, sampleDataDir, startDuban, stopCleanly } from "../helpers/duban-start.ts";

const GROUP = "cidGroupE2E==";
const DIGEST_GROUP = "cidGroupDigest==";
const STAFF = "manager4220";
const DM = `cidDm${STAFF}==`;

/** `duban start` with DingTalk credentials: the real process and the real SDK against the fake DingTalk. */
describe("duban start with DingTalk credentials", () => {
  let fake: FakeDingTalk;
  let dbPlanId = 0;
  const dir = tempDataDir();
  beforeAll(async () => {
    fake = await new FakeDingTalk({ clientSecret: "dt-e2e-secret-7f3a" }).start();
    // The sample plan bound to a DM and two groups; STAFF in the unit leading task 7; an hourly
    // digest for one group that was already due before this start.
    dbPlanId = await sampleDataDir(dir, async ({ db, store, planId }) => {
      for (const channel of [GROUP, DIGEST_GROUP, DM]) await store.updateChannel("dingtalk", channel, { planId });
      await joinTask7Unit(store, planId, "dingtalk", STAFF, "张三");
      await dueHourlyDigest(db, "dingtalk", DIGEST_GROUP, planId);
    });
  });
  afterAll(async () => {
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const startBot = () =>
    startDuban(dir, { LOG_LEVEL: "debug", DINGTALK_CLIENT_ID: fake.clientId, DINGTALK_CLIENT_SECRET: fake.clientSecret, DINGTALK_API_URL: fake.apiUrl }, () => fake.waitFor(() => fake.socketConnected || undefined, 90_000));
  const digestPosts = () => fake.robotPosts.filter((p) => p.body.openConversationId === DIGEST_GROUP);

  it("answers a DM, stores a twice-pushed group update once, posts the due digest once, exits 0 on SIGTERM without logging the secret", async () => {
    const bot = await startBot();
    try {
      fake.pushRobotMessage({ text: "/task 7", senderStaffId: STAFF, conversationId: DM, session: "e2e-dm" });
      const [card] = await fake.waitFor(() => (fake.repliesTo("e2e-dm").length ? fake.repliesTo("e2e-dm") : undefined), 60_000);
      expect(card!.body.msgtype).toBe("actionCard");
      expect(card!.body.actionCard.text).toContain("7");

      const { messageId } = fake.pushRobotMessage({ text: "@督办 #7 60% 已验收", conversationType: "2", conversationId: GROUP, senderStaffId: STAFF, session: "e2e-group" });
      await fake.waitFor(() => fake.repliesTo("e2e-group").length > 0, 60_000);
      fake.repush(messageId);
      await fake.waitFor(() => fake.acksOf(messageId).length === 2, 60_000);

      await fake.waitFor(() => digestPosts().length > 0, 60_000);
      expect(digestPosts()[0]!.param.text + digestPosts()[0]!.param.title).toContain("督办简报");
    } finally {
      const output = await stopCleanly(bot);
      expect(output).not.toContain("dt-e2e-secret-7f3a");
      expect(output).not.toContain("fake-access-"); // access tokens neither
    }
    expect(fake.repliesTo("e2e-group")).toHaveLength(1);
    expect(digestPosts()).toHaveLength(1);
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      const rows = await db.prisma.progressUpdate.findMany({ where: { sourcePlatform: "dingtalk", planId: dbPlanId } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ percent: 60, channelId: GROUP, note: expect.stringContaining("已验收") });
    } finally {
      await db.close();
    }
  }, 240_000);
});
