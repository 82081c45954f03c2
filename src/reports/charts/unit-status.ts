import type { Translator } from "../../core/i18n/index.ts";
import type { TaskRow, TaskStatus } from "../../core/model.ts";
import { document, fit, heading, niceStep, r, rect, swatches, text, type ChartSvg, type LabelBox } from "./svg.ts";

/** Status order along a bar, and its colour (the ledger's status colours, darker for a chart). */
export const STATUS_SERIES: readonly { status: TaskStatus; colour: string; ink: string }[] = [
  { status: "done", colour: "#3a9a5b", ink: "#ffffff" },
  { status: "in_progress", colour: "#3f7fbf", ink: "#ffffff" },
  { status: "blocked", colour: "#d0483e", ink: "#ffffff" },
  { status: "not_started", colour: "#c9cdd2", ink: "#333333" },
];

export interface UnitCounts {
  unit: string;
  counts: Record<TaskStatus, number>;
  total: number;
}

/** Roles that make a unit answerable for a task (supporting units are left out). */
const ANSWERABLE = new Set(["lead", "responsible", "department", "executor"]);
/** Units shown one by one; the rest are summed into one bar. */
export const MAX_UNITS = 20;

const zero = (): Record<TaskStatus, number> => ({ done: 0, in_progress: 0, blocked: 0, not_started: 0 });

/**
 * Tasks by status for each answerable unit (lead, responsible, department, executor): a task
 * counts once for each such unit, and under `noUnit` when it names none. Most tasks first.
 */
export function countByUnit(tasks: readonly TaskRow[], labels: { noUnit: string; others: (count: number) => string }): UnitCounts[] {
  const byUnit = new Map<string, Record<TaskStatus, number>>();
  for (const t of tasks) {
    const names = [...new Set(t.units.filter((u) => ANSWERABLE.has(u.role)).map((u) => u.name))];
    for (const name of names.length ? names : [labels.noUnit]) {
      const c = byUnit.get(name) ?? zero();
      c[t.progress.status]++;
      byUnit.set(name, c);
    }
  }
  const rows = [...byUnit].map(([unit, counts]) => ({ unit, counts, total: Object.values(counts).reduce((a, b) => a + b, 0) }));
  rows.sort((a, b) => b.total - a.total || b.counts.blocked - a.counts.blocked || a.unit.localeCompare(b.unit, "zh-CN"));
  if (rows.length <= MAX_UNITS) return rows;
  const kept = rows.slice(0, MAX_UNITS - 1);
  const rest = rows.slice(MAX_UNITS - 1);
  const counts = zero();
  for (const row of rest) for (const s of STATUS_SERIES) counts[s.status] += row.counts[s.status];
  return [...kept, { unit: labels.others(rest.length), counts, total: rest.reduce((a, b) => a + b.total, 0) }];
}

export interface UnitStatusChart {
  title: string;
  subtitle: string;
  rows: UnitCounts[];
  t: Translator;
  family: string;
}

const W = 960;
const PAD = 24;
const LABEL_W = 210;
const ROW = 30;
const BAR = 20;
const FONT = 15;

/** Stacked horizontal bars, one per unit, with a legend and a task-count axis. */
export function unitStatusSvg(c: UnitStatusChart): ChartSvg {
  const body: string[] = [];
  const labels: LabelBox[] = [];
  heading(body, PAD, c.title, c.subtitle);
  const ly = PAD + 62;
  swatches(body, STATUS_SERIES.map((s) => ({ name: c.t(`status.${s.status}`), colour: s.colour })), PAD, ly, 24);
  const top = ly + 30;
  const x0 = PAD + LABEL_W + 12;
  const x1 = W - PAD - 40;
  const max = Math.max(1, ...c.rows.map((row) => row.total));
  const step = niceStep(max);
  const axisMax = Math.ceil(max / step) * step;
  const scale = (x1 - x0) / axisMax;
  const bottom = top + Math.max(1, c.rows.length) * ROW;
  // Grid and axis.
  for (let v = 0; v <= axisMax; v += step) {
    const x = r(x0 + v * scale);
    body.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${bottom}" stroke="${v === 0 ? "#8c959f" : "#e5e7ea"}" stroke-width="1"/>`);
    body.push(text(x, bottom + 18, String(v), { "font-size": 12, fill: "#57606a", "text-anchor": "middle" }));
  }
  body.push(text(x0 - 12, bottom + 18, c.t("chart.axis.tasks"), { "font-size": 12, fill: "#57606a", "text-anchor": "end" }));
  if (!c.rows.length) body.push(text(x0 + 8, top + 20, c.t("chart.noTasks"), { "font-size": FONT, fill: "#57606a" }));
  c.rows.forEach((row, i) => {
    const y = top + i * ROW;
    const label = fit(row.unit, FONT, LABEL_W);
    body.push(text(PAD, y + ROW / 2 + FONT / 2 - 2, label, { "font-size": FONT, fill: "#1f2328" }));
    labels.push({ text: label, x: PAD, y, width: LABEL_W, height: ROW });
    let x = x0;
    for (const s of STATUS_SERIES) {
      const n = row.counts[s.status];
      if (!n) continue;
      const w = n * scale;
      body.push(rect({ x, y: y + (ROW - BAR) / 2, width: w, height: BAR }, s.colour));
      if (w >= 18) body.push(text(r(x + w / 2), y + ROW / 2 + 4.5, String(n), { "font-size": 12, fill: s.ink, "text-anchor": "middle" }));
      x += w;
    }
    body.push(text(r(x + 6), y + ROW / 2 + 4.5, String(row.total), { "font-size": 12, fill: "#57606a" }));
  });
  const height = bottom + 32;
  return { svg: document(W, height, c.family, body), width: W, height, labels };
}
