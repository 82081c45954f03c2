import fs from "node:fs";
import path from "node:path";
import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { openWithRetry } from "../app/retry.ts";
import { parsePeriod } from "../reports/period.ts";

export interface ExportOptions {
  plan: string | undefined;
  out: string | undefined;
  csv: boolean;
  since: string | undefined;
  until: string | undefined;
}

/**
 * `duban export --plan <slug> [--out file.xlsx] [--csv] [--since d] [--until d]`: the plan's
 * 督办台账 written to disk (CSV: one file per sheet, named after `--out`), each path printed.
 * Exit 2 for bad input (no or unknown plan, unreadable dates).
 */
export async function runExport(env: Env, logger: Logger, options: ExportOptions): Promise<number> {
  const fail = (text: string) => {
    process.stderr.write(`duban export: ${text}\n`);
    return 2;
  };
  if (!options.plan) return fail("name the plan: duban export --plan <slug> [--out file.xlsx] [--csv] [--since YYYY-MM-DD] [--until YYYY-MM-DD]");
  const now = new Date();
  const parsed = parsePeriod({ since: options.since, until: options.until }, now, env.DUBAN_TIMEZONE);
  if (!parsed.ok) return fail(parsed.problem === "order" ? `--until is before --since (${parsed.text})` : `cannot read the date "${parsed.text}" (write YYYY-MM-DD)`);
  const [{ databaseOptions }, { createStore, migrate, openDatabase }, { exportPlan }] = await Promise.all([
    import("../app/app.ts"),
    import("../store/index.ts"),
    import("../reports/export.ts"),
  ]);
  const db = await openWithRetry(() => openDatabase(databaseOptions(env)), logger, { attempts: env.DUBAN_STORE_RETRIES });
  try {
    await migrate(db.sql);
    const store = createStore(db);
    const matches = await store.findPlans(options.plan);
    const plan = matches.find((p) => p.slug === options.plan) ?? (matches.length === 1 ? matches[0] : undefined);
    if (!plan) {
      return fail(matches.length ? `--plan "${options.plan}" matches several plans: ${matches.map((p) => p.slug).join(", ")}` : `--plan "${options.plan}" matches no plan (see /plans)`);
    }
    const result = await exportPlan(store, { planId: plan.id, period: parsed.period, csv: options.csv, now, timezone: env.DUBAN_TIMEZONE, staleDays: env.DUBAN_STALE_DAYS });
    if (!result) return fail(`the plan "${plan.slug}" no longer exists`);
    for (const file of result.files) {
      const target = targetPath(options.out, file.name, options.csv, result.files.length);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.data);
      process.stdout.write(`${target}\n`);
    }
    process.stderr.write(`${result.plan.slug}: ${result.counts.tasks} tasks, ${result.counts.targets} targets, ${result.counts.updates} progress records\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** `--out` as given for one file; for CSV, `--out ledger.csv` → `ledger-任务台账.csv` …; no `--out`: the default name here. */
function targetPath(out: string | undefined, name: string, csv: boolean, count: number): string {
  if (!out) return path.resolve(name);
  if (!csv || count === 1) return path.resolve(out);
  const sheet = name.slice(name.lastIndexOf("-") + 1);
  const base = out.replace(/\.csv$/i, "");
  return path.resolve(`${base}-${sheet}`);
}
