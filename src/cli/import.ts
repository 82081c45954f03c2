import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";
import { openWithRetry } from "../app/retry.ts";
import { parseFile, saveParsed, type ParsedFile } from "../app/seed.ts";
import { ImportError, type ImportedPlan } from "../importer/types.ts";

export interface ImportOptions {
  dryRun: boolean;
  json: boolean;
  planSlug: string | undefined;
}

const MAX_WARNINGS_SHOWN = 20;

/**
 * `duban import <file…>`: every file is parsed before anything is written, so one bad file
 * writes nothing (exit 2). `--dry-run --json` prints exactly the contract's JSON on stdout.
 */
export async function runImport(env: Env, logger: Logger, files: string[], options: ImportOptions): Promise<number> {
  if (!files.length) {
    process.stderr.write("duban import: name at least one plan document (duban import <file…>)\n");
    return 2;
  }
  if (options.planSlug && files.length > 1) {
    process.stderr.write("duban import: --plan-slug applies to a single file\n");
    return 2;
  }
  const parsed: ParsedFile[] = [];
  for (const file of files) {
    try {
      parsed.push(await parseFile(file, options.planSlug));
    } catch (err) {
      if (err instanceof ImportError) {
        process.stderr.write(`duban import: ${file}: ${err.message}\n`);
        return 2;
      }
      if ((err as NodeJS.ErrnoException).code === "ENOENT" || (err as NodeJS.ErrnoException).code === "EISDIR") {
        process.stderr.write(`duban import: ${file}: cannot read the file (${(err as NodeJS.ErrnoException).code})\n`);
        return 2;
      }
      throw err;
    }
  }
  const plans = parsed.flatMap((p) => p.plans);
  if (options.json && options.dryRun) {
    process.stdout.write(`${JSON.stringify({ plans: plans.map(contractPlan) }, null, 2)}\n`);
    return 0;
  }
  if (options.dryRun) {
    for (const p of plans) printSummary(p, "dry run");
    return 0;
  }
  // The store (Prisma, PGlite) is loaded only now: a dry run never opens or loads it.
  const [{ databaseOptions }, { createStore, migrate, openDatabase }] = await Promise.all([import("../app/app.ts"), import("../store/index.ts")]);
  const db = await openWithRetry(() => openDatabase(databaseOptions(env)), logger, { attempts: env.DUBAN_STORE_RETRIES });
  try {
    await migrate(db.sql);
    const results = [];
    const store = createStore(db);
    for (const p of parsed) results.push(...(await saveParsed(store, p)));
    for (const [i, p] of plans.entries()) {
      const r = results[i]!;
      printSummary(p, r.status);
      for (const c of r.changes) process.stdout.write(`    ${c}\n`);
    }
    if (options.json) process.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** The documented JSON shape: contacts are stored but not part of the contract. */
function contractPlan(p: ImportedPlan): Omit<ImportedPlan, "contacts"> {
  const { contacts: _contacts, ...rest } = p;
  return rest;
}

function printSummary(p: ImportedPlan, status: string): void {
  process.stdout.write(
    `${status}: ${p.slug} — ${p.title}\n` +
      `    ${p.tasks.length} tasks, ${p.units.length} units, ${p.targets.length} targets, ${p.warnings.length} warnings\n`,
  );
  for (const w of p.warnings.slice(0, MAX_WARNINGS_SHOWN)) process.stdout.write(`    warning line ${w.line}: ${w.message}\n`);
  if (p.warnings.length > MAX_WARNINGS_SHOWN) process.stdout.write(`    … ${p.warnings.length - MAX_WARNINGS_SHOWN} more warnings (use --dry-run --json to see all)\n`);
}
