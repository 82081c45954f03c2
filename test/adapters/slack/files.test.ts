import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slashCommand } from "../../fakes/slack/payloads.ts";
import { readWorkbook } from "../../helpers/xlsx-read.ts";
import { PLAN_CHANNEL, startHarness, type Harness } from "./harness.ts";

/** /export on Slack: the workbook goes up with files upload v2 into the channel the command came from. */
describe("Slack: files sent with a reply", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ productionCommands: true });
  });
  afterAll(async () => h?.close());

  it("/export answers in the channel and uploads the .xlsx there (getUploadURLExternal, bytes, completeUploadExternal)", async () => {
    await h.post({ form: slashCommand({ command: "/export", text: "", channel: PLAN_CHANNEL, responseUrl: h.fake.responseUrl("export-1") }) });
    const [answer] = await h.fake.responded("export-1");
    expect(JSON.stringify(answer!.body)).toContain("督办台账");
    const file = await h.fake.waitFor(() => h.fake.uploaded[0], 60_000);
    expect(file.channel).toBe(PLAN_CHANNEL);
    expect(file.filename).toMatch(/^duban-sample-2019-2021-\d{4}-\d\d-\d\d\.xlsx$/);
    expect(file.title).toContain("督办台账");
    expect(h.fake.calls("files.getUploadURLExternal")[0]!.args).toMatchObject({ filename: file.filename, length: String(file.bytes.length) });
    const sheets = readWorkbook(file.bytes);
    expect(sheets.map((s) => s.name)).toEqual(["任务台账", "指标", "进展记录"]);
    expect(sheets[0]!.rows.find((r) => r[1] === "7")![2]).toBe("加快知识产权保护中心建设");
  });

  it("a failed upload is logged and the next reply still works", async () => {
    h.fake.failures.set("files.completeUploadExternal", "not_in_channel");
    await h.post({ form: slashCommand({ command: "/export", text: "csv", channel: PLAN_CHANNEL, responseUrl: h.fake.responseUrl("export-2") }) });
    await h.fake.responded("export-2");
    // Each of the three CSV files fails on its own; none is shared.
    await h.fake.waitFor(() => h.logLines.filter((l) => l.msg === "slack file upload failed").length === 3, 60_000);
    expect(h.fake.uploaded).toHaveLength(1);
    h.fake.failures.delete("files.completeUploadExternal");
    await h.post({ form: slashCommand({ command: "/export", text: "csv", channel: PLAN_CHANNEL, responseUrl: h.fake.responseUrl("export-3") }) });
    await h.fake.waitFor(() => (h.fake.uploaded.length >= 4 ? true : undefined), 60_000);
    expect(h.fake.uploaded.slice(1).map((f) => f.filename.replace(/^.*-/, ""))).toEqual(["任务台账.csv", "指标.csv", "进展记录.csv"]);
  });

  it("/chart targets answers in the channel and uploads the PNG there", async () => {
    const before = h.fake.uploaded.length;
    await h.post({ form: slashCommand({ command: "/chart", text: "targets", channel: PLAN_CHANNEL, responseUrl: h.fake.responseUrl("chart-1") }) });
    const [answer] = await h.fake.responded("chart-1");
    expect(JSON.stringify(answer!.body)).toContain("指标最新值与年度目标进度");
    const file = await h.fake.waitFor(() => h.fake.uploaded.slice(before).find((f) => f.filename.endsWith(".png")), 60_000);
    expect(file.channel).toBe(PLAN_CHANNEL);
    expect(file.filename).toMatch(/^duban-sample-2019-2021-targets-\d{4}-\d\d-\d\d\.png$/);
    expect([...file.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(file.bytes.readUInt32BE(16)).toBe(960);
  });
});
