import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore, migrate, openDatabase } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import { FakeFeishu } from "../fakes/feishu/fake-feishu.ts";
import { ROOT, tempDataDir } from "../helpers/cli.ts";
import { samplePlan } from "../helpers/fixtures.ts";

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
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    await migrate(db.sql);
    const { planId } = await savePlan(db.prisma, samplePlan(), { name: "sample", hash: "s" });
    dbPlanId = planId;
    const store = createStore(db);
    for (const channel of [GROUP, DIGEST_GROUP, USER]) await store.updateChannel("feishu", channel, { planId });
    const [unit] = await store.findUnits(planId, "市市场监管局");
    await store.addUnitMembers(unit!.id, [{ platform: "feishu", platformUserId: USER, displayName: "张三" }]);
    await createScheduleStore(db).saveSchedule(
      { platform: "feishu", channelId: DIGEST_GROUP, planId, kind: "digest", cron: "0 * * * *", timezone: "Asia/Shanghai", workdaysOnly: false, locale: null, createdBy: "test" },
      new Date(Date.now() - 2 * 3600_000),
    );
    await db.close();
  });
  afterAll(async () => {
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function startBot() {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/duban.js"), "start"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: "", DUBAN_DATA_DIR: dir, DUBAN_SEED: "off", LOG_LEVEL: "debug", SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "", DINGTALK_CLIENT_ID: "", FEISHU_APP_ID: fake.appId, FEISHU_APP_SECRET: SECRET, FEISHU_DOMAIN: fake.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    await fake.waitFor(() => fake.socketConnected || undefined, 90_000);
    return { stop: async () => (child.kill("SIGTERM"), { code: await exited, output }) };
  }
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
      const { code, output } = await bot.stop();
      expect(code, output.slice(-3000)).toBe(0);
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
