import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../config/logger.ts";
import type { PlanSaveResult, Store } from "../core/store.ts";
import type { ImportedPlan } from "../importer/types.ts";

export interface ParsedFile {
  file: string;
  hash: string;
  plans: ImportedPlan[];
}

/**
 * Reads and parses one document of any supported format (text, .docx, .pdf, .xlsx, .doc);
 * throws ImportError for files that cannot be imported.
 */
export async function parseFile(file: string, planSlug?: string): Promise<ParsedFile> {
  const bytes = fs.readFileSync(file);
  const hash = crypto.createHash("sha256").update(bytes).digest("hex");
  // The importer (document decoders, pinyin) loads only when a document is read: a warm start
  // with a non-empty store never needs it.
  const { parsePlanFile } = await import("../importer/file.ts");
  const result = await parsePlanFile(bytes, { sourceName: path.basename(file), ...(planSlug ? { planSlug } : {}) });
  return { file, hash, plans: result.plans };
}

/** Writes parsed plans through the store; a file with several plans gets one source hash per plan. */
export async function saveParsed(store: Pick<Store, "savePlan">, parsed: ParsedFile): Promise<PlanSaveResult[]> {
  const out: PlanSaveResult[] = [];
  for (const [i, plan] of parsed.plans.entries()) {
    const hash = parsed.plans.length > 1 ? `${parsed.hash}#${i}` : parsed.hash;
    out.push(await store.savePlan(plan, { name: path.basename(parsed.file), hash }));
  }
  return out;
}

/** A slow start-up step worth telling the person waiting about (in their language). */
export type StartStep = { kind: "seeding"; seedDir: string };

/**
 * On the first start with an empty store, imports the bundled sample plans. A seed that fails
 * to import is logged and skipped; it never stops the bot.
 */
export async function seedIfEmpty(store: Store, seedDir: string, logger: Logger, onProgress?: (step: StartStep) => void): Promise<number> {
  if ((await store.listPlans()).length > 0) return 0;
  if (!fs.existsSync(seedDir)) {
    logger.warn({ seedDir }, "seed directory not found; starting with no plans");
    return 0;
  }
  onProgress?.({ kind: "seeding", seedDir });
  let count = 0;
  for (const name of fs.readdirSync(seedDir).filter((f) => /\.(txt|text|md)$/i.test(f)).sort()) {
    const file = path.join(seedDir, name);
    try {
      const results = await saveParsed(store, await parseFile(file));
      count += results.length;
      logger.info({ file: name, plans: results.map((r) => r.slug) }, "seed plan imported");
    } catch (err) {
      logger.warn({ file: name, err: (err as Error).message }, "seed plan skipped");
    }
  }
  return count;
}
