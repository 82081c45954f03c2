import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../helpers/cli.ts";

/** The real process (the built bundle, resvg and the font from node_modules): /chart in the console writes PNGs and prints their paths. */
describe("charts through the console", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("/图表 and /chart targets save PNGs under the data directory and print their paths", async () => {
    const script = ["/plan use 深圳", "#7 60% 保护中心已通过验收", "#10 受阻 缺经费", "/图表", "/chart targets"].join("\n");
    const r = await runCli(["console", "--as", "wang"], { input: `${script}\n`, env: { DUBAN_DATA_DIR: dir }, timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("各责任单位任务状态");
    expect(r.stdout).toContain("指标最新值与年度目标进度");
    const saved = [...r.stdout.matchAll(/文件已保存：(\S+\.png)/g)].map((m) => m[1]!);
    expect(saved.map((p) => path.basename(p).replace(/-\d{4}-\d\d-\d\d\.png$/, ""))).toEqual(["duban-shenzhen-2019-2021-units", "duban-shenzhen-2019-2021-targets"]);
    for (const file of saved) {
      expect(path.dirname(file)).toBe(path.join(fs.realpathSync(dir), "files"));
      const png = fs.readFileSync(file);
      expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(png.readUInt32BE(16)).toBe(960);
    }
  });
});
