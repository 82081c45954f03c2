import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_ID, CHANNEL_ID, GUILD_ID, messageCreate, slashCommand } from "../../fakes/discord/payloads.ts";
import { readWorkbook } from "../../helpers/xlsx-read.ts";
import { startHarness, visibleText, type Harness } from "./harness.ts";

/** /export on Discord: the workbook is an attachment of the answer (multipart payload_json + files[0]). */
describe("Discord: files sent with a reply", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ guildId: GUILD_ID, messageContent: true });
  });
  afterAll(async () => h?.close());

  it("/export as a slash command answers with the .xlsx attached to the interaction reply", async () => {
    const ix = slashCommand("export");
    h.fake.dispatch("INTERACTION_CREATE", ix);
    const cb = await h.fake.waitFor(() => h.fake.rest.find((c) => c.path === `/interactions/${ix.id}/${ix.token}/callback`));
    expect(cb.body.type).toBe(4);
    expect(visibleText(cb.body.data)).toContain("督办台账");
    // discord.js names the attachment in payload_json and sends its bytes as files[0].
    expect(cb.body.data.attachments).toEqual([{ id: "0" }]);
    const upload = h.fake.uploads.find((u) => u.path === cb.path)!;
    expect(upload.filename).toMatch(/^duban-sample-2019-2021-\d{4}-\d\d-\d\d\.xlsx$/);
    const sheets = readWorkbook(upload.bytes);
    expect(sheets.map((s) => s.name)).toEqual(["任务台账", "指标", "进展记录"]);
    expect(sheets[0]!.rows.find((r) => r[1] === "7")![3]).toBe("市市场监管局");
  });

  it("/export csv in a channel message answers there with three attachments", async () => {
    const before = h.fake.uploads.length;
    h.fake.dispatch("MESSAGE_CREATE", messageCreate(`<@${BOT_ID}> /export csv`, { mentionsBot: true, channel: CHANNEL_ID }));
    await h.fake.waitFor(() => h.fake.uploads.length >= before + 3);
    const sent = h.fake.uploads.slice(before);
    expect(sent.every((u) => u.path === `/channels/${CHANNEL_ID}/messages`)).toBe(true);
    expect(sent.map((u) => u.filename.replace(/^.*-/, ""))).toEqual(["任务台账.csv", "指标.csv", "进展记录.csv"]);
    expect(sent[0]!.bytes.toString("utf8")).toMatch(/^\uFEFF序号,编号,任务,/);
  });

  it("/chart as a slash command answers with the PNG attached to the interaction reply", async () => {
    const ix = slashCommand("chart");
    h.fake.dispatch("INTERACTION_CREATE", ix);
    const cb = await h.fake.waitFor(() => h.fake.rest.find((c) => c.path === `/interactions/${ix.id}/${ix.token}/callback`), 60_000);
    expect(visibleText(cb.body.data)).toContain("各责任单位任务状态");
    expect(cb.body.data.attachments).toEqual([{ id: "0" }]);
    const upload = h.fake.uploads.find((u) => u.path === cb.path)!;
    expect(upload.filename).toMatch(/^duban-sample-2019-2021-units-\d{4}-\d\d-\d\d\.png$/);
    expect([...upload.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(upload.bytes.readUInt32BE(16)).toBe(960);
  });
});
