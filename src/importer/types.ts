/**
 * The importer's output contract: `duban import --dry-run --json` prints exactly
 * `{ plans: ImportedPlan[] }`, and the store writes the same structure. The plan's types live in
 * the core (core/imported-plan.ts: the core depends on no other layer) and are re-exported here.
 */
export * from "../core/imported-plan.ts";

/**
 * A document that cannot be imported at all (empty, binary, undecodable, no tasks; a file type
 * Duban does not read; a scanned PDF without a text layer).
 */
export class ImportError extends Error {
  constructor(
    readonly code: "empty" | "binary" | "undecodable" | "no_tasks" | "unsupported" | "scanned",
    message: string,
  ) {
    super(message);
    this.name = "ImportError";
  }
}
