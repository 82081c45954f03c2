import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../helpers/cli.ts";
import { readWorkbook } from "../helpers/xlsx-read.ts";

/** The real process: /export in the console writes the workbook and prints its path; `duban export` writes it where asked. */
describe("export through the console and the CLI", () => {
  const dir = tempDataDir();
  const env = { DUBAN_DATA_DIR: dir };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("/export in the console saves the .xlsx under the data directory and prints its path", async () => {
    const script = ["/plan use 深圳", "#7 60% 保护中心已通过验收", "#3 完成", "/export"].join("\n");
    const r = await runCli(["console", "--as", "wang"], { input: `${script}\n`, env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("督办台账：26 项任务、13 个指标、2 条进展记录（全部记录）");
    const saved = /文件已保存：(\S+\.xlsx)/.exec(r.stdout)?.[1];
    expect(saved, r.stdout).toBeDefined();
    expect(path.dirname(saved!)).toBe(path.join(fs.realpathSync(dir), "files"));
    const [tasks] = readWorkbook(fs.readFileSync(saved!));
    const seven = tasks!.rows.find((row) => row[1] === "7")!;
    expect(seven.slice(6, 9)).toEqual(["推进中", 60, "wang"]);
  });

  it("duban export --plan writes the workbook to --out, or CSV files next to it", async () => {
    const out = path.join(dir, "out", "台账.xlsx");
    const r = await runCli(["export", "--plan", "shenzhen-2019-2021", "--out", out], { env, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    const sheets = readWorkbook(fs.readFileSync(out));
    expect(sheets.map((s) => s.name)).toEqual(["任务台账", "指标", "进展记录"]);
    expect(sheets[2]!.rows).toHaveLength(3);

    const csv = await runCli(["export", "--plan", "shenzhen-2019-2021", "--csv", "--out", path.join(dir, "out", "ledger.csv"), "--since", "2000-01-01", "--until", "2000-12-31"], { env, timeoutMs: 120_000 });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.trim().split("\n").map((p) => path.basename(p))).toEqual(["ledger-任务台账.csv", "ledger-指标.csv", "ledger-进展记录.csv"]);
    expect(fs.readFileSync(path.join(dir, "out", "ledger-进展记录.csv"), "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("refuses bad input with exit 2 and a clear message", async () => {
    const none = await runCli(["export"], { env, timeoutMs: 60_000 });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("name the plan");
    const date = await runCli(["export", "--plan", "shenzhen-2019-2021", "--since", "yesterday"], { env, timeoutMs: 60_000 });
    expect(date.code).toBe(2);
    expect(date.stderr).toContain('cannot read the date "yesterday"');
    const unknown = await runCli(["export", "--plan", "mars"], { env, timeoutMs: 120_000 });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--plan "mars" matches no plan');
  });
});
