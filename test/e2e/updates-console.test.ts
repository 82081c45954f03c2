import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, tempDataDir } from "../helpers/cli.ts";
import { standingUpdates } from "../helpers/duban-start.ts";

/**
 * Several tasks in one message and answers to questions, through the real CLI (`duban console`,
 * piped stdin) on the bundled Shenzhen seed. A terminal cannot edit or delete a line already
 * sent: edits and deletions are covered on Slack and Discord (test/e2e/updates-slack.test.ts,
 * test/e2e/updates-discord.test.ts).
 */
describe("console end to end: several tasks per message, Undo, and answers to questions", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("confirms two tasks in one reply, undoes both, and applies exactly the option each answer names", async () => {
    const script = [
      "/plan use 深圳",
      "任务7完成，任务8受阻 缺少场地",
      "/undo",
      "/task 8",
      "#7 60%，#8 40%，#8 完成",
      "7",
      "#8 完成。#8 受阻",
      "第一个",
      "#9 150%",
      "60%",
      "/history 8",
    ];
    const r = await runCli(["console", "--as", "wang"], { input: `${script.join("\n")}\n`, env: { DUBAN_DATA_DIR: dir }, timeoutMs: 120_000 });
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    const at = (s: string, from = 0) => {
      const i = out.indexOf(s, from);
      expect(i, `${s} after ${from} in:\n${out}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    // Two tasks: one reply listing each, one Undo for both.
    const batch = at("【已记录 2 项更新（撤销将一并撤销）】");
    const listed = out.slice(batch, at("报告人：@wang", batch));
    expect(listed).toMatch(/任务 7 · .*：已完成\n/);
    expect(listed).toMatch(/任务 8 · .*：受阻 · 备注：缺少场地\n/);
    const undone = at("已撤销这条消息的 2 项记录：#7、#8。当前状态：#7 未开始、#8 未开始", batch);
    at("状态：未开始", undone);

    // `7` names the one option about task 7: its own 60%, nothing of task 8's 40%.
    const pick = at("1. #7 进行中 60%；2. #8 进行中 40%；3. #8 已完成", undone);
    const seven = at("【已记录：任务 7 ·", pick);
    const sevenReply = out.slice(seven, at("报告人", seven));
    expect(sevenReply).toMatch(/状态：进行中 60%\n$/);
    expect(sevenReply).not.toMatch(/40%|备注/);

    // `第一个`: the first option, exactly.
    const same = at("1. #8 已完成；2. #8 受阻", seven);
    const first = at("【已记录：任务 8 ·", same);
    expect(out.slice(first, at("报告人", first))).toMatch(/状态：已完成\n$/);

    // An impossible number is asked about; `60%` answers it.
    const asked = at("任务 9：“#9 150%”里的数字不能作为进度", first);
    const nine = at("【已记录：任务 9 ·", asked);
    expect(out.slice(nine, at("报告人", nine))).toMatch(/状态：进行中 60%\n$/);

    const history = out.slice(at("【进展记录 · 任务 8】", nine));
    expect(history.split("\n").filter((l) => l.startsWith("• "))).toHaveLength(3);
    expect(history).toMatch(/@wang 已完成\n/);
    expect(history).toMatch(/@wang 撤销了记录 #\d+/);
    expect(history).toMatch(/@wang 受阻 · 缺少场地（已撤销）/);
    expect(history).not.toContain("40%");

    // What stands is what the replies said.
    expect(await standingUpdates(dir)).toEqual([
      ["7", "in_progress", 60, null],
      ["8", "done", 100, null],
      ["9", "in_progress", 60, null],
    ]);
  });
});
