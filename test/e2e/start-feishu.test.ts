import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/index.ts";
import { FakeFeishu } from "../fakes/feishu/fake-feishu.ts";
import { tempDataDir } from "../helpers/cli.ts";
import { dueHourlyDigest, joinTask7Unit, sampleDataDir, startDuban, stopCleanly } from "../helpers/duban-start.ts";

const GROUP = "oc_groupe2e000000000000000000001";
const DIGEST_GROUP = "oc_groupdigest0000000000000000001";
const USER = "ou_e2e0000000000000000000000000001";
const SECRET = "fs-e2e-secret-9c1d";

/** `duban start` with Feishu credentials: the real process and the real Lark SDK (long connection) against the fake Feishu. */
describe("duban start with Feishu credentials", () => {
  let fake: FakeFeishu;
  let dbPlanId = 0;
  const dir = tempDataDir();
  beforeAll(async () => {
    fake = await new FakeFeishu({ appSecret: SECRET }).start();
    fake.names.set(USER, "张三");
    // The sample plan bound to the DM (the person's open_id) and two groups; USER in the unit
    // leading task 7; an hourly digest for one group that was already due before this start.
    dbPlanId = await sampleDataDir(dir, async ({ db, store, planId }) => {
      for (const channel of [GROUP, DIGEST_GROUP, USER]) await store.updateChannel("feishu", channel, { planId });
      await joinTask7Unit(store, planId, "feishu", USER, "张三");
      await dueHourlyDigest(db, "feishu", DIGEST_GROUP, planId);
    });
  });
  afterAll(async () => {
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const startBot = () =>
    startDuban(dir, { LOG_LEVEL: "debug", FEISHU_APP_ID: fake.appId, FEISHU_APP_SECRET: SECRET, FEISHU_DOMAIN: fake.url }, () => fake.waitFor(() => fake.socketConnected || undefined, 90_000));
  const digestPosts = () => fake.botMessages(DIGEST_GROUP);

  it("answers a DM with a card, stores a twice-delivered group update once, undoes it from the card's button, retracts a withdrawn update, posts the due digest once, exits 0 on SIGTERM without logging secrets", async () => {
    const bot = await startBot();
    let groupMessage = "";
    try {
      const dm = fake.pushMessage({ text: "/task 7", sender: USER });
      const [card] = await fake.waitFor(() => (fake.repliesTo(dm.messageId).length ? fake.repliesTo(dm.messageId) : undefined), 60_000);
      expect(card!.msg_type).toBe("interactive");
      expect(JSON.parse(card!.content).header.title.content).toContain("7");

      const group = fake.pushMessage({ text: "@督办 任务7 完成", chatType: "group", chatId: GROUP, sender: USER });
      groupMessage = group.messageId;
      const [stored] = await fake.waitFor(() => (fake.repliesTo(group.messageId).length ? fake.repliesTo(group.messageId) : undefined), 60_000);
      fake.redeliver(group.frameId);
      await fake.waitFor(() => fake.acksOf(group.frameId).length === 2, 60_000);
      expect(fake.acksOf(group.frameId).map((a) => a.code)).toEqual([200, 200]);

      // The stored update's card offers Undo; a click writes the retraction and updates that card in place.
      expect(fake.buttons(stored!.message_id).map((b) => b.label)).toContain("撤销");
      const click = fake.click(stored!.message_id, "撤销", USER);
      await fake.waitFor(() => fake.patches.some((p) => p.message_id === stored!.message_id), 60_000);
      expect(fake.acksOf(click)[0]?.code).toBe(200);
      expect(fake.messages.get(stored!.message_id)!.content).toMatch(/撤销/);
      expect(fake.buttons(stored!.message_id).map((b) => b.label)).not.toContain("撤销");

      // A withdrawn update is retracted, and the chat is told.
      const second = fake.pushMessage({ text: "@督办 #7 60% 已验收", chatType: "group", chatId: GROUP, sender: USER });
      await fake.waitFor(() => fake.repliesTo(second.messageId).length > 0, 60_000);
      const before = fake.botMessages(GROUP).length;
      fake.recall(second.messageId);
      await fake.waitFor(() => fake.botMessages(GROUP).length > before, 60_000);
      expect(fake.botMessages(GROUP).at(-1)!.content).toContain("撤销");

      await fake.waitFor(() => digestPosts().length > 0, 60_000);
      expect(digestPosts()[0]!.content).toContain("督办简报");
    } finally {
      const output = await stopCleanly(bot);
      expect(output).not.toContain(SECRET);
      expect(output).not.toContain("t-fake"); // tenant access tokens neither
      expect(output).not.toMatch(/ticket=[0-9a-f-]{8}/); // nor the connection's ticket
    }
    expect(fake.repliesTo(groupMessage)).toHaveLength(1);
    expect(digestPosts()).toHaveLength(1);
    expect(fake.rejected).toEqual([]);
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    try {
      const rows = await db.prisma.progressUpdate.findMany({ where: { sourcePlatform: "feishu", planId: dbPlanId }, orderBy: { id: "asc" } });
      const progress = rows.filter((r) => r.retractsId === null);
      expect(progress.map((r) => [r.status, r.percent, r.channelId])).toEqual([["done", 100, GROUP], ["in_progress", 60, GROUP]]);
      // Each retracted once: by the Undo button, by the withdrawal.
      for (const p of progress) expect(rows.filter((r) => r.retractsId === p.id)).toHaveLength(1);
    } finally {
      await db.close();
    }
  }, 240_000);
});
