import { describe, expect, it } from "vitest";
import { recognizeUpdate, type Recognition } from "../../../src/core/recognize/index.ts";
import type { TaskReading } from "../../../src/core/recognize/index.ts";
import { ask, CTX, MENTIONED, task, tasks } from "./fixtures.ts";

const cases: [string, Partial<Recognition>][] = [
  ["#7 60% 保护中心已通过验收", task("7", "in_progress", 60, "保护中心已通过验收")],
  ["7号任务 完成", task("7", "done")],
  ["任务七 进度80%", task("7", "in_progress", 80)],
  ["第7项 受阻 缺经费", task("7", "blocked", null, "缺经费")],
  ["task 7 done", task("7", "done")],
  ["#7 started", task("7", "in_progress")],
  ["7号 开始推进", task("7", "in_progress")],
  ["任務七 進度80%", task("7", "in_progress", 80)],
  ["＃７　６０％", task("7", "in_progress", 60)],
  ["task #7: 60%", task("7", "in_progress", 60)],
  ["Task 7 blocked - waiting for budget", task("7", "blocked", null, "waiting for budget")],
  ["任务7 已完成", task("7", "done")],
  ["第七项任务完成了", task("7", "done")],
  ["#7 100%", task("7", "done", 100)],
  ["#7 0%", task("7", "not_started", 0)],
  ["第七項 受阻 缺經費", task("7", "blocked", null, "缺經費")],
  ["#7進度60%", task("7", "in_progress", 60)],
  ["#7：已完成✅", task("7", "done")],
  ["【任务7】完成80%", task("7", "in_progress", 80)],
  ["任务 7 ：完成 80 %", task("7", "in_progress", 80)],
  ["任务七进度百分之八十", task("7", "in_progress", 80)],
  ["任务12 完成八成", task("12", "in_progress", 80)],
  ["7号任务已办结", task("7", "done")],
  ["7號任務已完成", task("7", "done")],
  ["任务26 done", task("26", "done")],
  ["第一项任务已完成", task("1", "done")],
  ["第二十六项 已启动", task("26", "in_progress")],
  ["第7项工作 已完成", task("7", "done")],
  ["第7条 已完成", task("7", "done")],
  ["任务7 还没开始", task("7", "not_started")],
  ["任务7 尚未启动", task("7", "not_started")],
  ["任务7 未完成", task("7", "in_progress")],
  ["任务7 无法完成 缺少人手", task("7", "blocked", null, "缺少人手")],
  ["任务7 已启动, 目前受阻 缺经费", task("7", "blocked", null, "缺经费")],
  ["任务7 受阻, 谁能帮忙?", { kind: "ambiguous", question: "confirm", options: [task("7", "blocked", null, "谁能帮忙") as TaskReading] }],
  ["#7 预计月底完成", task("7", "in_progress", null, "预计月底完成")],
  ["#7 6月底前完成", task("7", "in_progress", null, "6月底前完成")],
  ["#7 已于6月底前完成", task("7", "done", null, "已于6月底前")],
  ["#7 基本完成,剩余扫尾", task("7", "in_progress", null, "基本完成,剩余扫尾")],
  ["任务7\n已完成", task("7", "done")],
  ["任务7:\n\n进度 45%", task("7", "in_progress", 45)],
  ["✅ 任务7 完成 🎉", task("7", "done")],
  ["😀 #7 完成啦 👍", task("7", "done")],
  ["  任务 7   已 完成  ", task("7", "done")],
  ["No.7 已完成", task("7", "done")],
  ["item 7: 50%", task("7", "in_progress", 50)],
  ["#7 on hold until Q3", task("7", "blocked", null, "until Q3")],
  ["task 7 in progress", task("7", "in_progress")],
  ["Task 7 is done.", task("7", "done")],
  ["TASK 7 FINISHED", task("7", "done")],
  ["Completed task 7", task("7", "done")],
  ["Task 7 is 60% done", task("7", "in_progress", 60)],
  ["task 7 will be done by Friday", task("7", "in_progress", null, "will be done by Friday")],
  ["<@U0123ABC> task 7 done", task("7", "done")],
  ["@督办 任务3 完成", task("3", "done")],
  ["任务7 60%，预算增加了20%", task("7", "in_progress", 60, "预算增加了20%")],
  ["任务7 完成, 之前卡住的问题已解决", task("7", "done", null, "之前卡住的问题已解决")],
  ["#7 提前完成", task("7", "done", null, "提前")],
  ["7号完成了", task("7", "done")],
  ["计划下周启动任务7", task("7", "not_started", null, "计划下周启动")],
  ["任务7 本周内完成", task("7", "in_progress", null, "本周内完成")],
  ["已完成任务7", task("7", "done")],
  ["task 7 no longer blocked", task("7", "in_progress")],
  ["任务7完成率60%", task("7", "in_progress", 60)],
  ["任务7 已完成，附件见群文件", task("7", "done", null, "附件见群文件")],
  ["任务99 完成", ask("unknown_task", ["99"])],
  ["#27 done", ask("unknown_task", ["27"])],
  ["任务7和任务8都完成了", tasks(task("7", "done"), task("8", "done"))],
  ["任务7、8已完成", tasks(task("7", "done"), task("8", "done"))],
  ["tasks 7 and 8 done", tasks(task("7", "done"), task("8", "done"))],
  ["#7 #8 done", tasks(task("7", "done"), task("8", "done"))],
  ["任务7 完成，任务8 受阻", tasks(task("7", "done"), task("8", "blocked"))],
  ["#7 -5%", ask("bad_number", ["7"])],
  ["#7 150%", ask("bad_number", ["7"])],
];

describe("recognizeUpdate: task updates", () => {
  it.each(cases)("%j", (text, expected) => {
    const result = recognizeUpdate(text, CTX);
    if (expected.kind === "ambiguous") expect(result).toEqual({ ...expected, text: text.trim() });
    else expect(result).toEqual(expected);
  });

  it("keeps task numbers in the plan's own spelling", () => {
    expect(recognizeUpdate("任务7 完成", { taskNumbers: ["07"], targets: [] })).toMatchObject({ taskNumber: "07" });
  });

  it("asks what progress only when the bot is addressed", () => {
    expect(recognizeUpdate("#7 保护中心", CTX)).toEqual({ kind: "none" });
    expect(recognizeUpdate("#7 保护中心", MENTIONED)).toMatchObject(ask("what_progress", ["7"]));
    expect(recognizeUpdate("任务30 保护中心", MENTIONED)).toMatchObject(ask("unknown_task", ["30"]));
  });

  it("never asks back about a question, even when addressed", () => {
    expect(recognizeUpdate("任务7怎么样了?", MENTIONED)).toEqual({ kind: "none" });
    expect(recognizeUpdate("is task 7 done?", MENTIONED)).toEqual({ kind: "none" });
  });
});

describe("a status word the percent overrides stays in the note", () => {
  it("#7 60% 已完成验收 → 60%, note keeps 已完成验收", () => {
    expect(recognizeUpdate("#7 60% 已完成验收", { taskNumbers: ["7"], targets: [] })).toEqual({
      kind: "task",
      taskNumber: "7",
      status: "in_progress",
      percent: 60,
      note: "已完成验收",
    });
  });
});
