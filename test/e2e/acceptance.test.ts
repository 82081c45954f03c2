import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../helpers/cli.ts";

/** The commands issue's scripted session, through the real CLI on the bundled Shenzhen seed. */
describe("scripted console session on the Shenzhen seed plan", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("report → card → report → card → undo restores the previous state → history shows all three events", async () => {
    const script = ["/plan use 深圳", "#7 30% 场地已选定", "/task 7", "#7 60% 已完成验收", "/task 7", "/undo", "/task 7", "/history 7"].join("\n");
    const r = await runCli(["console", "--as", "wang"], { input: `${script}\n`, env: { DUBAN_DATA_DIR: dir } });
    expect(r.code, r.stderr).toBe(0);
    const cards = r.stdout.split("【任务 7 · 加快中国(深圳)知识产权保护中心建设】").slice(1);
    expect(cards).toHaveLength(3);
    const [before, after, undone] = cards as [string, string, string];
    expect(before).toContain("牵头：市市场监管局");
    const support = /配合：(.*)/.exec(before)![1]!.split("、");
    // The document's own order (市公安局、司法局、前海管理局、市中级法院…), not a sorted one.
    expect(support).toEqual(["市公安局", "市司法局", "前海管理局", "市中级法院", "市检察院", "深圳海关", "深圳国际仲裁院"]);
    expect(before).toContain("状态：进行中 30%");
    expect(after).toContain("状态：进行中 60%");
    expect(after).toMatch(/最新进展：@wang · .* · 已完成验收/);
    expect(undone).toContain("状态：进行中 30%");
    expect(undone).toContain("场地已选定");
    const history = r.stdout.slice(r.stdout.indexOf("【进展记录 · 任务 7】"));
    expect(history).toMatch(/• #\d+ .*@wang 撤销了记录 #\d+/);
    expect(history).toMatch(/• #\d+ .*@wang 进行中 60% · 已完成验收（已撤销）/);
    expect(history.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(3);
    expect(history).toMatch(/• #\d+ .*@wang 进行中 30% · 场地已选定\n?$/);
  });
});
