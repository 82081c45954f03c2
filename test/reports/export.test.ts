import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import type { Reply } from "../../src/core/reply.ts";
import { parsePlanDocument } from "../../src/importer/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { ROOT } from "../helpers/cli.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { readWorkbook } from "../helpers/xlsx-read.ts";

// The Shenzhen seed through the importer, a scripted session of updates, then /export as a
// chat user gets it: a reply with an .xlsx file, read back with the project's own readers.
describe("/export on the Shenzhen seed after scripted updates", () => {
  let t: TestDatabase;
  const clock = manualClock("2020-11-16T02:00:00Z");
  let handle: (text: string) => Promise<Reply[]>;
  let plan: ReturnType<typeof parsePlanDocument>["plans"][number];

  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const file = "001_02588ea22fbee5d9.txt";
    plan = parsePlanDocument(fs.readFileSync(path.join(ROOT, "seeds", file)), { sourceName: file }).plans[0]!;
    const { planId } = await savePlan(t.db.prisma, plan, { name: file, hash: file });
    const { services } = testServices(t.db, { clock });
    await services.store.updateChannel("console", "room", { planId });
    const unit = (await services.store.findUnits(planId, "市市场监管局"))[0]!;
    await services.store.addUnitMembers(unit.id, [{ platform: "console", platformUserId: "wang", displayName: "王芳" }]);
    const dispatcher = testDispatcher(services);
    const wang = chat(dispatcher, { channelId: "room", userId: "wang", userName: "王芳" });
    const script = [
      "/update 7 30% 选址完成",
      "/update 3 done",
      "/update 10 受阻 缺经费",
      "/update 7 60% 保护中心已通过验收",
      "/update 12 40% 正在起草",
    ];
    for (const line of script) {
      expect(await wang(line)).not.toMatch(/错误|无法|没有权限/);
      clock.advance(86_400_000);
    }
    const target = plan.targets[0]!;
    expect(await wang(`/update target ${target.name} 100${target.unit}`)).not.toMatch(/错误|无法|没有权限/);
    handle = (text) => dispatcher.handle({ platform: "console", channelId: "room", userId: "wang", userName: "王芳", messageId: `m-${Math.random()}`, text });
  });
  afterAll(async () => t?.cleanup());

  it("sends one .xlsx file whose three sheets read back with header, frozen row, filter, widths and status colours", async () => {
    const [r] = await handle("/导出");
    expect(r!.files).toHaveLength(1);
    const file = r!.files![0]!;
    expect(file.name).toMatch(/^duban-shenzhen-2019-2021-2020-11-2\d\.xlsx$/);
    expect(file.mime).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(r!.blocks[0]).toMatchObject({ type: "text", text: expect.stringContaining(`${plan.tasks.length} 项任务、${plan.targets.length} 个指标、6 条进展记录（全部记录）`) });

    const sheets = readWorkbook(file.data);
    expect(sheets.map((s) => s.name)).toEqual(["任务台账", "指标", "进展记录"]);
    const [tasks, targets, history] = sheets as [(typeof sheets)[number], (typeof sheets)[number], (typeof sheets)[number]];
    expect(tasks.rows[0]).toEqual(["序号", "编号", "任务", "牵头单位", "负责单位", "配合单位", "状态", "进度(%)", "最新进展人", "最新进展时间", "最新进展说明", "期限", "逾期", "停滞"]);
    expect(tasks.headerBold).toBe(true);
    expect(tasks.frozenRows).toBe(1);
    expect(tasks.autoFilter).toBe(`A1:N${plan.tasks.length + 1}`);
    expect(tasks.widths[2]).toBeGreaterThan(30);
    const done = tasks.conditional.find((c) => c.equals === "已完成")!;
    expect(done).toEqual({ equals: "已完成", sqref: `G2:G${plan.tasks.length + 1}`, fill: "C6EFCE", font: "006100" });
    expect(tasks.conditional.find((c) => c.equals === "受阻")!.fill).toBe("FFC7CE");

    // The Shenzhen values after the session.
    const row = (n: string) => tasks.rows.find((r) => r[1] === n)!;
    const seven = plan.tasks.find((x) => x.number === "7")!;
    expect(row("7").slice(0, 11)).toEqual([
      7, "7", seven.title, "市市场监管局", "", seven.units.filter((u) => u.role === "support").map((u) => u.name).join("、"),
      "推进中", 60, "王芳", "2020-11-19 10:00", "保护中心已通过验收",
    ]);
    expect(row("3")[6]).toBe("已完成");
    expect(row("3")[7]).toBe(100);
    expect(row("10").slice(6, 8)).toEqual(["受阻", ""]);
    expect(row("1")[6]).toBe("未启动");
    expect(row("1")[13]).toBe("超过 14 天未更新");
    expect(tasks.rows).toHaveLength(plan.tasks.length + 1);

    expect(targets.rows[0]!.slice(0, 5)).toEqual(["序号", "指标", "单位", "基线年", "基线值"]);
    expect(targets.rows[0]).toEqual(expect.arrayContaining(["2021年目标", "最新值", "进度状态"]));
    expect(targets.rows.slice(1).map((r) => r[1])).toEqual(plan.targets.map((x) => x.name));
    const latestCol = targets.rows[0]!.indexOf("最新值");
    expect(targets.rows[1]![latestCol]).toMatch(/^100/);
    expect(targets.frozenRows).toBe(1);

    expect(history.rows[0]).toEqual(["编号", "时间", "任务/指标", "报告人", "状态", "进度(%)", "数值", "说明", "类型"]);
    expect(history.rows.slice(1).map((r) => [r[2], r[4], r[7]])).toEqual([
      ["任务 7", "推进中", "选址完成"],
      ["任务 3", "已完成", ""],
      ["任务 10", "受阻", "缺经费"],
      ["任务 7", "推进中", "保护中心已通过验收"],
      ["任务 12", "推进中", "正在起草"],
      [`指标 · ${plan.targets[0]!.name}`, "", ""],
    ]);
  });

  it("limits the history to a month or to two days, in Beijing time", async () => {
    const [month] = await handle("/export 2020-11");
    expect(readWorkbook(month!.files![0]!.data)[2]!.rows).toHaveLength(7);
    expect(month!.files![0]!.name).toMatch(/-2020-11\.xlsx$/);
    const [days] = await handle("/export 2020-11-17 2020-11-18");
    const rows = readWorkbook(days!.files![0]!.data)[2]!.rows.slice(1);
    expect(rows.map((r) => r[2])).toEqual(["任务 3", "任务 10"]);
    const [none] = await handle("/export 2020-10");
    expect(readWorkbook(none!.files![0]!.data)[2]!.rows).toHaveLength(1);
  });

  it("exports CSV, one file per sheet, that Excel opens as UTF-8", async () => {
    const [r] = await handle("/export csv");
    expect(r!.files!.map((f) => f.name.replace(/^.*-/, ""))).toEqual(["任务台账.csv", "指标.csv", "进展记录.csv"]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(r!.files![0]!.data);
    expect(text.startsWith("\uFEFF序号,编号,任务,")).toBe(true);
    expect(text).toContain(",推进中,60,王芳,2020-11-19 10:00,保护中心已通过验收,");
  });

  it("explains a period it cannot read, and sends no file", async () => {
    const [bad] = await handle("/export last week");
    expect(bad!.files).toBeUndefined();
    expect(bad!.private).toBe(true);
    expect(bad!.blocks[0]).toMatchObject({ text: expect.stringContaining("无法识别区间“last week”") });
    const [order] = await handle("/export 2020-11-30 2020-11-01");
    expect(order!.blocks[0]).toMatchObject({ text: expect.stringContaining("结束日期早于开始日期") });
    const [month13] = await handle("/export 2020-13");
    expect(month13!.blocks[0]).toMatchObject({ text: expect.stringContaining("无法识别区间") });
  });
});
