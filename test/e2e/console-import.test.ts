import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDataDir } from "../helpers/cli.ts";

/**
 * Console import end to end through bin/duban.js: the preview is shown by one process, and
 * confirmed by the next one (a restart in between), because previews live in the store.
 */
describe("console /import across a restart (piped stdin into bin/duban.js)", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { DUBAN_DATA_DIR: dir, DUBAN_SEED: "off" };
  const fixture = path.join(ROOT, "test/fixtures/import/numbered-plan.docx");

  it("previews a .docx, then a restarted console confirms it; a second Confirm is told it is gone", async () => {
    const first = await runCli(["console"], { input: `/import ${fixture}\n/plans\n`, env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("【导入预览（尚未写入）：滨江市知识产权强市建设工作方案（2025—2027年）】");
    expect(first.stdout).toContain("5 项任务");
    expect(first.stdout).toContain("还没有导入任何计划");
    const id = /\/import confirm (\w+)/.exec(first.stdout)?.[1];
    expect(id, first.stdout).toBeTruthy();

    const second = await runCli(["console"], { input: `/import confirm ${id}\n/plans\n/import confirm ${id}\n`, env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("已导入 滨江市知识产权强市建设工作方案（2025—2027年）");
    expect(second.stdout).toMatch(/滨江市知识产权强市建设工作方案（2025—2027年）[\s\S]*已确认、取消/);
  });
});
