import type { PlanSummary, TargetView, TaskRow, UnitRole, UpdateView } from "../core/model.ts";
import { isOverdue, isStale } from "../core/progress-view.ts";
import { formatKindValue } from "../core/targets/format.ts";
import { targetFigures } from "../core/targets/view.ts";
import { localDateTime } from "../core/tz.ts";
import type { Cell, ConditionalFill, SheetSpec } from "./xlsx.ts";

/** Everything an export is made of; loaded by {@link loadLedger}, pure from here on. */
export interface LedgerData {
  plan: Pick<PlanSummary, "id" | "slug" | "title">;
  tasks: TaskRow[];
  targets: TargetView[];
  /** The history of the period, oldest first, retractions included. */
  updates: UpdateView[];
  period: { from: Date | null; to: Date };
  now: Date;
  timezone: string;
  staleDays: number;
}

export const SHEETS = { tasks: "任务台账", targets: "指标", history: "进展记录" } as const;

const STATUS: Record<TaskRow["progress"]["status"], string> = { done: "已完成", in_progress: "推进中", not_started: "未启动", blocked: "受阻" };

/** Status colours (the same in Excel's and LibreOffice's default "good / neutral / bad" styles). */
export const STATUS_COLOURS: Record<string, { fill: string; font: string }> = {
  已完成: { fill: "C6EFCE", font: "006100" },
  推进中: { fill: "DDEBF7", font: "1F4E78" },
  未启动: { fill: "EDEDED", font: "595959" },
  受阻: { fill: "FFC7CE", font: "9C0006" },
};

const when = (d: Date, tz: string) => localDateTime(d, tz).replace("T", " ");
const units = (t: TaskRow, roles: UnitRole[]) => t.units.filter((u) => roles.includes(u.role)).map((u) => u.name).join("、");

function taskRows(d: LedgerData): Cell[][] {
  return d.tasks.map((t, i) => {
    const latest = t.progress.latest;
    const overdue = t.deadlines.some((x) => isOverdue(x, t.progress, d.now, d.timezone));
    return [
      i + 1,
      t.number,
      t.title,
      units(t, ["lead"]),
      units(t, ["responsible", "department", "executor"]),
      units(t, ["support"]),
      STATUS[t.progress.status],
      t.progress.percent,
      latest?.member?.displayName ?? null,
      latest ? when(latest.createdAt, d.timezone) : null,
      latest?.note ?? null,
      t.deadlines.map((x) => (x.date && x.date !== x.text ? `${x.text}（${x.date}）` : x.text)).join("；") || null,
      overdue ? "逾期" : null,
      isStale(t.progress, d.now, d.staleDays) ? `超过 ${d.staleDays} 天未更新` : null,
    ];
  });
}

function targetSheet(d: LedgerData): SheetSpec {
  const years = [...new Set(d.targets.flatMap((t) => t.milestones.map((m) => m.year)))].sort();
  const display = { now: d.now, timezone: d.timezone, locale: "zh-CN" as const };
  const value = (t: TargetView, v: number) => formatKindValue(v, t.unit, t.kind, "zh-CN");
  const rows = d.targets.map((t, i) => {
    const f = targetFigures(t, display);
    const milestone = (year: number) => {
      const m = t.milestones.find((x) => x.year === year);
      if (!m) return null;
      return m.valueMax !== null && m.valueMax !== m.value ? `${formatKindValue(m.value, "", t.kind, "zh-CN")}–${value(t, m.valueMax)}` : value(t, m.value);
    };
    return [
      i + 1,
      t.name,
      t.unit,
      t.baseline ? t.baseline.year : null,
      t.baseline ? (f.baseline ?? value(t, t.baseline.value)) : null,
      ...years.map(milestone),
      t.latest ? value(t, t.latest.value) : null,
      t.latest ? when(t.latest.at, d.timezone) : null,
      f.statusText,
    ] as Cell[];
  });
  const paceColours: ConditionalFill[] = [
    { equals: "已达成", ...STATUS_COLOURS["已完成"]! },
    { equals: "进度正常", ...STATUS_COLOURS["推进中"]! },
    { equals: "略有落后", fill: "FFEB9C", font: "9C5700" },
    { equals: "有风险", ...STATUS_COLOURS["受阻"]! },
  ].map((c) => ({ ...c, column: 7 + years.length }));
  return {
    name: SHEETS.targets,
    columns: [
      { header: "序号", width: 6 },
      { header: "指标", width: 36, wrap: true },
      { header: "单位", width: 8 },
      { header: "基线年", width: 8 },
      { header: "基线值", width: 12 },
      ...years.map((y) => ({ header: `${y}年目标`, width: 12 })),
      { header: "最新值", width: 12 },
      { header: "最新报告时间", width: 17 },
      { header: "进度状态", width: 10 },
    ],
    rows,
    conditional: paceColours,
  };
}

function historySheet(d: LedgerData): SheetSpec {
  const targets = new Map(d.targets.map((t) => [t.id, t]));
  const rows = d.updates.map((u) => {
    const target = u.targetId !== null ? targets.get(u.targetId) : undefined;
    const subject = u.taskNumber !== null ? `任务 ${u.taskNumber}` : u.targetName !== null ? `指标 · ${u.targetName}` : "";
    const kind = u.kind === "retraction" ? `撤回第 ${u.retractsId} 条` : u.retracted ? "已撤回" : "进展";
    return [
      u.id,
      when(u.createdAt, d.timezone),
      subject,
      u.member?.displayName ?? null,
      u.status ? STATUS[u.status] : null,
      u.percent,
      u.value !== null ? formatKindValue(u.value, target?.unit ?? "", target?.kind ?? "level", "zh-CN") : null,
      u.note,
      kind,
    ] as Cell[];
  });
  return {
    name: SHEETS.history,
    columns: [
      { header: "编号", width: 8 },
      { header: "时间", width: 17 },
      { header: "任务/指标", width: 28, wrap: true },
      { header: "报告人", width: 12 },
      { header: "状态", width: 8 },
      { header: "进度(%)", width: 8 },
      { header: "数值", width: 12 },
      { header: "说明", width: 48, wrap: true },
      { header: "类型", width: 12 },
    ],
    rows,
    conditional: Object.entries(STATUS_COLOURS).map(([equals, c]) => ({ column: 4, equals, ...c })),
  };
}

/** The three sheets of the 督办台账: 任务台账, 指标, 进展记录. */
export function ledgerSheets(d: LedgerData): SheetSpec[] {
  const tasks: SheetSpec = {
    name: SHEETS.tasks,
    columns: [
      { header: "序号", width: 6 },
      { header: "编号", width: 8 },
      { header: "任务", width: 44, wrap: true },
      { header: "牵头单位", width: 18, wrap: true },
      { header: "负责单位", width: 18, wrap: true },
      { header: "配合单位", width: 24, wrap: true },
      { header: "状态", width: 9 },
      { header: "进度(%)", width: 8 },
      { header: "最新进展人", width: 12 },
      { header: "最新进展时间", width: 17 },
      { header: "最新进展说明", width: 36, wrap: true },
      { header: "期限", width: 24, wrap: true },
      { header: "逾期", width: 7 },
      { header: "停滞", width: 16 },
    ],
    rows: taskRows(d),
    conditional: [
      ...Object.entries(STATUS_COLOURS).map(([equals, c]) => ({ column: 6, equals, ...c })),
      { column: 12, equals: "逾期", ...STATUS_COLOURS["受阻"]! },
    ],
  };
  return [tasks, targetSheet(d), historySheet(d)];
}
