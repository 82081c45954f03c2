import type { MemberRef, TargetView, TaskRow, TaskStatus, UpdateView } from "../../src/core/model.ts";
import type { DigestData } from "../../src/digest/analyze.ts";

export const NOW = new Date("2026-11-20T02:00:00Z");
export const WINDOW = { from: new Date("2026-11-16T01:00:00Z"), to: NOW };

export const zhang: MemberRef = { id: 1, platform: "slack", platformUserId: "U1", displayName: "张三" };
export const li: MemberRef = { id: 2, platform: "slack", platformUserId: "U2", displayName: "李四" };

export function task(id: number, status: TaskStatus, patch: Partial<TaskRow> = {}): TaskRow {
  return {
    id,
    number: String(id),
    title: `任务标题${id}`,
    section: null,
    required: null,
    units: [{ unitId: 10, name: "市市场监管局", role: "lead" }],
    deadlines: [],
    progress: { status, percent: status === "done" ? 100 : null, latest: null },
    ...patch,
  };
}

export function update(id: number, taskId: number | null, member: MemberRef, at: string, patch: Partial<UpdateView> = {}): UpdateView {
  return {
    id,
    planId: 1,
    kind: "progress",
    taskId,
    taskNumber: taskId === null ? null : String(taskId),
    targetId: null,
    targetName: null,
    status: "in_progress",
    percent: 60,
    value: null,
    note: null,
    member,
    createdAt: new Date(at),
    retractsId: null,
    retracted: false,
    ...patch,
  };
}

export const target: TargetView = {
  id: 100,
  name: "知识产权质押融资额",
  unit: "元",
  comparator: ">=",
  kind: "level",
  baseline: { year: 2023, value: 1.2e9 },
  milestones: [
    { year: 2025, value: 2e9, valueMax: null },
    { year: 2026, value: 2.5e9, valueMax: null },
  ],
  taskNumber: null,
  latest: { value: 2.6e9, at: new Date("2026-11-18T03:00:00Z"), member: zhang, updateId: 9 },
};

/** Four tasks in every state, one overdue, one due soon, one stale, one silent unit. */
export function sampleData(): DigestData {
  return {
    plan: { id: 1, title: "样例市知识产权强市建设工作方案" },
    tasks: [
      task(1, "done"),
      task(2, "in_progress", { deadlines: [{ text: "2026年11月底前", date: "2026-11-30", recurrence: null }] }),
      task(3, "blocked", {
        deadlines: [{ text: "2026年6月底前", date: "2026-06-30", recurrence: null }],
        units: [{ unitId: 11, name: "市公安局", role: "lead" }],
      }),
      task(4, "not_started", { units: [{ unitId: 12, name: "市中级法院", role: "lead" }, { unitId: 10, name: "市市场监管局", role: "support" }] }),
    ],
    targets: [target],
    updates: [
      update(1, 2, zhang, "2026-11-17T02:00:00Z", { note: "已完成初稿" }),
      update(2, null, zhang, "2026-11-18T03:00:00Z", { status: null, percent: null, targetId: 100, targetName: target.name, value: 2.6e9 }),
    ],
    activity: new Map([
      [2, new Date("2026-11-17T02:00:00Z")],
      [3, new Date("2026-10-01T02:00:00Z")],
    ]),
    members: [
      { unitId: 10, member: zhang, locale: null, remindPausedUntil: null },
      { unitId: 11, member: li, locale: "en", remindPausedUntil: null },
    ],
  };
}
