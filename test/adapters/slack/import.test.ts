import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonClick, eventCallback, fileShare } from "../../fakes/slack/payloads.ts";
import { interactionForm } from "../../fakes/slack/sign.ts";
import { formatFixture, reviseOoxml } from "../../importer/format-helpers.ts";
import { startHarness, type Harness } from "./harness.ts";

const ADMIN = "U0ALICE";
/** A hang guard, not a speed goal: the first preview loads the importer and its decoders, slow on a busy machine. */
const HANG_MS = 150_000;
const DM = "D0ALICE";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * Import from chat on Slack, end to end: real Bolt over HTTP, the fake Slack hosting the shared
 * files (bot token required, as Slack does), the production commands.
 */
describe("Slack: an admin shares a plan file in a DM, previews it, confirms or cancels", () => {
  let h: Harness;
  let click = 0;
  beforeAll(async () => {
    h = await startHarness({ productionCommands: true });
    h.services.settings = { ...h.services.settings, admins: [`slack:${ADMIN}`, "slack:U0BOB"] };
  });
  afterAll(async () => h?.close());

  /** Shares files in a DM and waits for the bot's answer there. */
  async function share(files: Record<string, unknown>[], user = ADMIN, channel = DM) {
    const before = h.fake.calls("chat.postMessage").filter((c) => c.args.channel === channel).length;
    await h.post({ json: eventCallback(fileShare({ files, user, channel })) });
    const posted = await h.fake.waitFor(() => h.fake.calls("chat.postMessage").filter((c) => c.args.channel === channel)[before], HANG_MS);
    return { text: JSON.stringify(posted.args.blocks ?? posted.args.text), blocks: posted.args.blocks as any[] };
  }
  const buttons = (blocks: any[]) => blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements as { action_id: string; value: string; text: { text: string } }[]);
  async function press(button: { action_id: string; value: string }, user = ADMIN) {
    const id = `imp-${++click}`;
    await h.post(interactionForm(buttonClick({ actionId: button.action_id, value: button.value, user, channel: DM, responseUrl: h.fake.responseUrl(id) })));
    const [answer] = await h.fake.responded(id);
    return JSON.stringify(answer!.body);
  }

  it("a .docx task-division table: summary with Confirm / Cancel, nothing written until Confirm", async () => {
    const plansBefore = (await h.services.store.listPlans()).length;
    const file = h.fake.hostFile("2025年保护工作要点.docx", formatFixture("division-table.docx"), DOCX);
    const shown = await share([file]);
    expect(shown.text).toContain("导入预览（尚未写入）：滨江市2025年知识产权保护工作要点");
    expect(shown.text).toContain("4 项任务");
    expect(shown.text).toContain("市市场监管局");
    expect(shown.text).toContain("这是新计划");
    // Downloaded with the bot token from url_private_download.
    expect(h.fake.downloads.at(-1)).toMatchObject({ path: expect.stringContaining("/download/"), auth: "Bearer xoxb-test-token" });
    const [confirm, cancel] = buttons(shown.blocks);
    expect(confirm!.action_id).toMatch(/^duban:import-confirm:\w+$/);
    expect(cancel!.action_id).toMatch(/^duban:import-cancel:\w+$/);
    expect(confirm!.text.text).toBe("确认导入");
    expect((await h.services.store.listPlans()).length).toBe(plansBefore);

    const saved = await press(confirm!);
    expect(saved).toContain("已导入 滨江市2025年知识产权保护工作要点");
    expect(saved).toContain("新建");
    const plans = await h.services.store.listPlans();
    expect(plans.length).toBe(plansBefore + 1);
    const plan = plans.find((p) => p.title === "滨江市2025年知识产权保护工作要点")!;
    expect(await h.services.store.listTaskNumbers(plan.id)).toEqual(["1", "2", "3", "4"]);
    expect(await press(confirm!)).toContain("已确认、取消");
    expect(h.fake.rejected).toEqual([]);
  });

  it("a revised plan shows what changes; Cancel writes nothing; only the importer may answer", async () => {
    const revised = reviseOoxml(formatFixture("division-table.docx"), "市商务局", "市商务局、市贸促会");
    const shown = await share([h.fake.hostFile("2025年保护工作要点（修订）.docx", revised, DOCX)]);
    expect(shown.text).toContain("与已导入的版本相比");
    expect(shown.text).toContain("市贸促会");
    const [, cancel] = buttons(shown.blocks);
    expect(await press(cancel!, "U0BOB")).toContain("只有发起这次导入的人");
    expect(await press(cancel!)).toContain("没有写入任何内容");
    const plan = (await h.services.store.listPlans()).find((p) => p.title === "滨江市2025年知识产权保护工作要点")!;
    expect((await h.services.store.findUnits(plan.id, "市贸促会")).map((u) => u.name)).not.toContain("市贸促会");
  });

  it("refusals in one clear line: not an admin, not a plan file, too large, a token Slack will not serve files to", async () => {
    const downloads = h.fake.downloads.length;
    const plan = h.fake.hostFile("plan.docx", formatFixture("division-table.docx"), DOCX);
    expect((await share([plan], "U0CAROL", "D0CAROL")).text).toContain("只有机器人管理员");
    expect((await share([h.fake.hostFile("photo.png", "\x89PNG....", "image/png")])).text).toContain("不支持“photo.png”");
    expect((await share([{ ...plan, name: "big.pdf", size: 25 * 1024 * 1024 }])).text).toContain("超过上限 20 MB");
    expect(h.fake.downloads.length).toBe(downloads);
    h.fake.botToken = "xoxb-another-app";
    try {
      const refused = await share([plan]);
      expect(refused.text).toContain("无法下载文件“plan.docx”");
      expect(refused.text).toContain("files:read");
    } finally {
      h.fake.botToken = "xoxb-test-token";
    }
  });

  it("a file the event only names (file_access check_file_info) is looked up with files.info, then imported", async () => {
    const file = h.fake.hostFile("要点.docx", formatFixture("division-table.docx"), DOCX);
    const shown = await share([{ id: file.id, file_access: "check_file_info" }]);
    expect(h.fake.calls("files.info").at(-1)?.args.file).toBe(file.id);
    expect(shown.text).toContain("导入预览（尚未写入）");
  });
});
