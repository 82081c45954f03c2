import type { ReplyFile } from "../core/reply.ts";
import type { Store } from "../core/store.ts";
import { localDate } from "../core/tz.ts";
import { ledgerSheets, type LedgerData } from "./ledger.ts";
import type { Period } from "./period.ts";
import { writeCsv, writeXlsx, XLSX_MIME } from "./xlsx.ts";

export interface ExportRequest {
  planId: number;
  period: Period;
  csv: boolean;
  now: Date;
  timezone: string;
  staleDays: number;
}

export interface ExportResult {
  files: ReplyFile[];
  plan: { slug: string; title: string };
  counts: { tasks: number; targets: number; updates: number };
}

/** Loads a plan's ledger: tasks, targets and the history of the period (retractions included). */
export async function loadLedger(store: Store, req: Omit<ExportRequest, "csv">): Promise<LedgerData | null> {
  const plan = await store.getPlan(req.planId);
  if (!plan) return null;
  const [tasks, targets, updates] = await Promise.all([
    store.listTaskRows(plan.id),
    store.listTargets(plan.id),
    store.listUpdates(plan.id, req.period.from ?? new Date(0), req.period.to),
  ]);
  return { plan, tasks, targets, updates, period: { from: req.period.from, to: req.period.to }, now: req.now, timezone: req.timezone, staleDays: req.staleDays };
}

/** The 督办台账 of a plan as an .xlsx workbook, or one CSV file per sheet. */
export async function exportPlan(store: Store, req: ExportRequest): Promise<ExportResult | null> {
  const data = await loadLedger(store, req);
  if (!data) return null;
  const sheets = ledgerSheets(data);
  const base = `duban-${data.plan.slug}-${localDate(req.now, req.timezone)}${req.period.label === "all" ? "" : `-${req.period.label}`}`;
  const files: ReplyFile[] = req.csv
    ? sheets.map((s) => ({ name: `${base}-${s.name}.csv`, mime: "text/csv", data: writeCsv(s.columns.map((c) => c.header), s.rows), title: `${data.plan.title} · ${s.name}` }))
    : [{ name: `${base}.xlsx`, mime: XLSX_MIME, data: writeXlsx(sheets), title: `${data.plan.title} · 督办台账` }];
  return {
    files,
    plan: { slug: data.plan.slug, title: data.plan.title },
    counts: { tasks: data.tasks.length, targets: data.targets.length, updates: data.updates.length },
  };
}
