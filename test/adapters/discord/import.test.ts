import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALICE, BOB, CHANNEL_ID, buttonClick, dmChannelOf, messageCreate, type FakeUser } from "../../fakes/discord/payloads.ts";
import { formatFixture, reviseOoxml } from "../../importer/format-helpers.ts";
import { buttonsOf, startHarness, visibleText, type Harness } from "./harness.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CAROL: FakeUser = { id: "300000000000000003", username: "carol", global_name: "Carol" };
const TITLE = "滨江市2025年知识产权工作任务分工表";
/** A hang guard, not a speed goal: the first preview loads the importer and its decoders, slow on a busy machine. */
const HANG_MS = 150_000;

/**
 * Import from chat on Discord, end to end: discord.js against the fake Discord, which serves the
 * attached files from CDN-like links; the production commands.
 */
describe("Discord: an admin attaches a plan file in a DM, previews it, confirms or cancels", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.services.settings = { ...h.services.settings, admins: [`discord:${ALICE.id}`, `discord:${BOB.id}`] };
  });
  afterAll(async () => h?.close());

  const posts = (channelId: string) => h.fake.calls("POST", new RegExp(`^/channels/${channelId}/messages$`));
  /** Sends a message with files and waits for the bot's answer in the same channel. */
  async function attach(files: Record<string, unknown>[], user: FakeUser = ALICE, content = "", where: { channel?: string; mentionsBot?: boolean } = { channel: "dm" }) {
    const channel = where.channel === "dm" || !where.channel ? dmChannelOf(user) : where.channel;
    const before = posts(channel).length;
    h.fake.dispatch("MESSAGE_CREATE", messageCreate(content, { ...where, user, attachments: files }));
    const sent = await h.fake.waitFor(() => posts(channel)[before], HANG_MS);
    return { text: visibleText(sent.body), body: sent.body, channel };
  }
  const file = (user: FakeUser, name: string, bytes: Buffer | string, type = XLSX) => h.fake.hostAttachment(dmChannelOf(user), name, bytes, type);
  async function press(label: string, shown: { body: any; channel: string }, user: FakeUser = ALICE) {
    const button = buttonsOf(shown.body).find((b) => b.label === label)!;
    const click = buttonClick(button.custom_id, h.fake.message(shown.channel, shown.body), { channel: "dm", user });
    h.fake.dispatch("INTERACTION_CREATE", click);
    const answer = await h.fake.waitFor(() => h.fake.rest.find((c) => c.path === `/interactions/${click.id}/${click.token}/callback`));
    return visibleText(answer.body.data);
  }

  it("an .xlsx 任务分工表: summary with Confirm / Cancel, nothing written until Confirm", async () => {
    const plansBefore = (await h.services.store.listPlans()).length;
    const shown = await attach([file(ALICE, "任务分工表.xlsx", formatFixture("task-table.xlsx"))]);
    expect(shown.text).toContain(`导入预览（尚未写入）：${TITLE}`);
    expect(shown.text).toContain("5 项任务");
    expect(shown.text).toContain("市地方金融管理局");
    expect(buttonsOf(shown.body).map((b) => b.label)).toEqual(["确认导入", "取消"]);
    expect(h.fake.downloads.at(-1)).toMatch(/^\/attachments\/\d+\/\d+\/.*xlsx$/);
    expect((await h.services.store.listPlans()).length).toBe(plansBefore);

    const saved = await press("确认导入", shown);
    expect(saved).toContain(`已导入 ${TITLE}`);
    const plan = (await h.services.store.listPlans()).find((p) => p.title === TITLE)!;
    expect(await h.services.store.listTaskNumbers(plan.id)).toEqual(["1.1", "1.2", "1.3", "2.1", "2.2"]);
    expect(await press("确认导入", shown)).toContain("已确认、取消");
  });

  it("a revised plan shows what changes; only the importer may answer; Cancel writes nothing", async () => {
    const revised = reviseOoxml(formatFixture("task-table.xlsx"), "市地方金融管理局", "市地方金融监督管理局", "xl/sharedStrings.xml");
    const shown = await attach([file(ALICE, "任务分工表（修订）.xlsx", revised)]);
    expect(shown.text).toContain("与已导入的版本相比");
    expect(shown.text).toContain("市地方金融监督管理局");
    const click = buttonsOf(shown.body).find((b) => b.label === "取消")!;
    const bobs = buttonClick(click.custom_id, h.fake.message(shown.channel, shown.body), { channel: "dm", user: BOB });
    h.fake.dispatch("INTERACTION_CREATE", bobs);
    const refused = await h.fake.waitFor(() => h.fake.rest.find((c) => c.path === `/interactions/${bobs.id}/${bobs.token}/callback`));
    expect(visibleText(refused.body.data)).toContain("只有发起这次导入的人");
    expect(await press("取消", shown)).toContain("没有写入任何内容");
    const plan = (await h.services.store.listPlans()).find((p) => p.title === TITLE)!;
    expect((await h.services.store.findUnits(plan.id, "市地方金融监督管理局")).map((u) => u.name)).not.toContain("市地方金融监督管理局");
  });

  it("with a mention in a server channel the file is previewed there", async () => {
    const attachment = h.fake.hostAttachment(CHANNEL_ID, "分工表.xlsx", formatFixture("task-table.xlsx"), XLSX);
    const shown = await attach([attachment], ALICE, `<@${"100000000000000002"}> 导入这个`, { channel: CHANNEL_ID, mentionsBot: true });
    expect(shown.text).toContain("与已导入的版本相同");
  });

  it("refusals in one clear line: not an admin, not a plan file, too large, an expired link", async () => {
    const downloads = h.fake.downloads.length;
    expect((await attach([file(CAROL, "plan.xlsx", formatFixture("task-table.xlsx"))], CAROL)).text).toContain("只有机器人管理员");
    expect((await attach([file(ALICE, "scan.jpg", "\xff\xd8\xff", "image/jpeg")])).text).toContain("不支持“scan.jpg”");
    expect((await attach([{ ...file(ALICE, "huge.pdf", "%PDF-1.7"), size: 30 * 1024 * 1024 }])).text).toContain("超过上限 20 MB");
    expect(h.fake.downloads.length).toBe(downloads);
    const old = file(ALICE, "old.xlsx", formatFixture("task-table.xlsx"));
    h.fake.expireAttachment(String(old.id));
    const expired = await attach([old]);
    expect(expired.text).toContain("无法下载文件“old.xlsx”");
    expect(expired.text).toContain("may have expired");
    expect((await attach([file(ALICE, "empty.txt", "")])).text).toContain("无法导入");
  });
});
