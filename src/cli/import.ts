import type { Env } from "../config/env.ts";
import type { Logger } from "../config/logger.ts";

export interface ImportOptions {
  dryRun: boolean;
  json: boolean;
  planSlug: string | undefined;
}

export async function runImport(_env: Env, _logger: Logger, _files: string[], _options: ImportOptions): Promise<number> {
  process.stderr.write("duban import: the importer is not wired in yet\n");
  return 2;
}
