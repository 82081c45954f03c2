import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../helpers/cli.ts";

const SECTIONS = ["督办简报", "总体进度", "指标", "本期进展", "已逾期", "超过 14 天未更新", "未来 14 天到期", "本期未报送的单位"];

/**
 * `/digest preview` (the phone-sized channel message) and `/digest full` (every section) through
 * the real console on the bundled seeds, after a few scripted updates.
 */
describe("digest preview in the console", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    ["深圳", ["#7 60% 保护中心已通过验收", "#3 完成", "#10 受阻 缺经费"]],
    ["蚌埠", ["#1 40% 政策已起草", "/update target 每万人口高价值发明专利拥有量 10.6件", "#8 完成"]],
  ])("%s: every section, with the scripted updates in it", async (plan, updates) => {
    const script = [`/plan use ${plan}`, ...updates, "/digest preview", "/digest full"].join("\n");
    const r = await runCli(["console", "--as", "wang"], { input: `${script}\n`, env: { DUBAN_DATA_DIR: dir } });
    expect(r.code, r.stderr).toBe(0);
    const brief = r.stdout.slice(r.stdout.indexOf("预览："), r.stdout.indexOf("完整简报（仅您可见）"));
    const lines = brief.trim().split("\n").filter((l) => !/^\s*(duban|督办)?\s*>/.test(l));
    expect(lines.length, brief).toBeLessThanOrEqual(25);
    expect(brief).toContain("【本期变化】");
    expect(brief).toContain("[查看完整简报]");
    const preview = r.stdout.slice(r.stdout.lastIndexOf("督办简报") - 200);
    for (const s of SECTIONS) expect(preview, s).toContain(s);
    expect(preview).toMatch(/[▓░]{10,}/);
    expect(preview).toContain("wang");
    const numbers = updates.filter((u) => u.startsWith("#")).map((u) => u.slice(1, u.indexOf(" ")));
    for (const n of numbers) expect(preview).toMatch(new RegExp(`任务 ${n} · `));
  });
});
