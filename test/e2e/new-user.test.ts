import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDataDir } from "../helpers/cli.ts";

/**
 * What a new user types into the console on the bundled Bengbu plan (seeds/002): bad
 * arguments, things Duban does not do in chat, the console's own admin, and a task that a
 * revised plan removed. One store for the whole file; each step is the real `bin/duban.js`.
 */
describe("a new user at the console", () => {
  const dir = tempDataDir();
  const seedDir = path.join(dir, "seeds");
  const seedName = fs.readdirSync(path.join(ROOT, "seeds")).find((f) => f.startsWith("002_"))!;
  const env = { DUBAN_DATA_DIR: path.join(dir, "data"), DUBAN_SEED_DIR: seedDir, DUBAN_ADMINS: "" };
  const consoleRun = async (lines: string[], args: string[] = []) => {
    const r = await runCli(["console", ...args], { input: `${lines.join("\n")}\n`, env, timeoutMs: 180_000 });
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  let first = "";
  beforeAll(async () => {
    fs.mkdirSync(seedDir);
    fs.copyFileSync(path.join(ROOT, "seeds", seedName), path.join(seedDir, seedName));
    first = await consoleRun([
      "/plan use 蚌埠",
      "/update 17 60% 已与宁波签约",
      "/task",
      "/task abc",
      "/plan delete 蚌埠",
      "/task add 新任务",
      "/task 3 units 市科技局",
      "/admin",
      "/undo abc",
    ]);
  }, 240_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("argument errors say what was expected, with the usage line and an example, never a field name", () => {
    expect(first).toContain("请写明任务编号。\n用法：/task <编号>（如 /task 7 或 /task 七）\n例如：/task 7");
    expect(first).toContain("“abc”不是任务编号，请写数字，如 7 或 七。\n用法：/task <编号>");
    expect(first).toContain("“abc”不是记录号；记录号是 /history 里 # 后面的数字。\n用法：/undo [记录号]\n例如：/undo");
    expect(first).not.toMatch(/参数有误|（number）|（action）|（id）/);
  });

  it("/task add, /plan delete and editing a task's units answer with what to do instead", () => {
    expect(first).toContain("任务来自计划文件，不能在聊天里新增。要增加任务：在计划文件里加上这一项，再由管理员导入修订版（duban import <文件>）");
    expect(first).toContain("任务的责任单位来自计划文件，不能在聊天里修改。");
    expect(first).toContain("/owner <单位> @成员");
    expect(first).toContain("计划不能在聊天里删除：计划和它的进度记录都会保留。要让本频道改用别的计划：/plan use <名称>");
  });

  it("/admin in the console with no DUBAN_ADMINS names the real reason", () => {
    expect(first).toContain("您在本机控制台操作本地数据存储，因此是管理员");
    expect(first).not.toContain("DUBAN_ADMINS");
  });

  it("a task a revised plan removed stays reachable (/task shows it removed, /history works, lists leave it out, updates are refused); zh-TW /help", async () => {
    expect(first).toContain("【已记录：任务 17 · 深化知识产权交流合作】");
    const revised = path.join(dir, "bengbu-revised.txt");
    const text = fs.readFileSync(path.join(seedDir, seedName), "utf8");
    fs.writeFileSync(revised, text.split("\n").filter((l) => !l.startsWith("17.深化知识产权交流合作")).join("\n"));
    const imported = await runCli(["import", revised], { env, timeoutMs: 180_000 });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("task 17 no longer in the document (kept with its history, marked removed)");

    const out = await consoleRun(["/task 17", "/update 17 完成", "/history 17", "/tasks page 2", "/task 18", "/lang me 繁體", "/help"]);
    const at = (marker: string) => {
      expect(out).toContain(marker);
      return out.indexOf(marker);
    };
    const card = out.slice(0, at("任务 17 已于"));
    const update = out.slice(at("任务 17 已于"), at("【进展记录 · 任务 17】"));
    const history = out.slice(at("【进展记录 · 任务 17】"), at("· 任务（全部 16 项，第 2/2 页）"));
    const list = out.slice(at("· 任务（全部 16 项，第 2/2 页）"), at("没有第 18 项任务"));
    const missing = out.slice(at("没有第 18 项任务"), at("【督辦 · 指令列表】"));
    const help = out.slice(at("【督辦 · 指令列表】"));
    expect(card).toContain("任务 17 · 深化知识产权交流合作");
    expect(card).toMatch(/此任务已于 \d{4}-\d{2}-\d{2} 从计划中移除（修订版计划不再列出），只读，历史记录保留：\/history 17/);
    expect(card).not.toContain("更新进度：#17");
    expect(update).toMatch(/^任务 17 已于 \d{4}-\d{2}-\d{2} 从计划中移除，不能再更新；未记录。/);
    expect(history).toContain("进行中 60% · 已与宁波签约");
    expect(history).not.toContain("完成");
    expect(list).toContain("• 16. 培养高素质知识产权人才队伍");
    expect(list).not.toContain("深化知识产权交流合作");
    expect(missing).toContain("没有第 18 项任务（任务编号 1–16）");
    // zh-TW /help names the Traditional aliases.
    for (const line of ["/help (幫助)", "/task (任務)", "/tasks (任務列表)", "/plan (計畫)", "/history (歷史)", "/digest (簡報)", "/owner (負責人)"]) expect(help).toContain(line);
    expect(help).not.toMatch(/\((帮助|任务|计划|历史|简报|责任人)\)/);
  }, 480_000);
});
