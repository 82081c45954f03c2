import { describe, expect, it } from "vitest";
import { formatFixture, importFixture, importRefusal } from "./format-helpers.ts";

// task-table.xlsx (saved by LibreOffice): sheet 1 has a title merged over the columns and a 牵头单位
// cell merged over two rows; sheet 2 has Traditional headers in another column order.
describe(".xlsx 任务分工表", () => {
  it("reads each sheet with a header row as a section, one task per row with owners and deadline", async () => {
    const [plan] = (await importFixture("task-table.xlsx")).plans;
    expect(plan).toMatchObject({ title: "滨江市2025年知识产权工作任务分工表", sourceFormat: "xlsx" });
    expect(plan!.tasks.map((t) => [t.number, t.section, t.title])).toEqual([
      ["1.1", "专利工作", "专利导航"],
      ["1.2", "专利工作", "专利转化"],
      ["1.3", "专利工作", "质押融资"],
      ["2.1", "保護工作", "開展打擊侵犯知識產權犯罪專項行動"],
      ["2.2", "保護工作", "加強版權執法監管，查處網絡侵權盜版案件"],
    ]);
    expect(plan!.tasks.map((t) => t.units.map((u) => `${u.name}:${u.role}`))).toEqual([
      ["市市场监管局:lead", "市科技局:support", "市工业和信息化局:support"],
      ["市市场监管局:lead", "市教育局:support", "市科技局:support"],
      ["市地方金融管理局:lead", "市市场监管局:support"],
      ["市公安局:responsible"],
      ["市文化廣電旅遊局:responsible"],
    ]);
    expect(plan!.tasks.map((t) => t.deadlines[0]?.date ?? t.deadlines[0]?.recurrence)).toEqual([
      "2025-10-31", "2025-12-31", "yearly", "2025-06-30", "2025-12-31",
    ]);
  });

  it("an old .xls workbook (the same book saved as Excel 97) imports like the .xlsx", async () => {
    const [xls] = (await importFixture("task-table.xls")).plans;
    const [xlsx] = (await importFixture("task-table.xlsx")).plans;
    expect(xls!.sourceFormat).toBe("xls");
    expect(xls!.title).toBe(xlsx!.title);
    expect(xls!.tasks).toEqual(xlsx!.tasks);
    expect(xls!.tasks).toHaveLength(5);
  });

  it("a damaged .xls is refused in one line", async () => {
    const bytes = Buffer.from(formatFixture("task-table.xls"));
    bytes.fill(0x41, 2048, 5000);
    const err = await importRefusal(bytes);
    expect(err.message).not.toContain("\n");
    expect(err.message).toMatch(/\.xls workbook (is damaged|holds no readable cells)|no tasks found/);
  });
});
