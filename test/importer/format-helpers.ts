import { readFileSync } from "node:fs";
import path from "node:path";
import { parsePlanFile } from "../../src/importer/file.ts";
import { ImportError, type ImportResult } from "../../src/importer/types.ts";

export const FORMAT_FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");

export function formatFixture(name: string): Buffer {
  return readFileSync(path.join(FORMAT_FIXTURES, name));
}

export function importFixture(name: string): Promise<ImportResult> {
  return parsePlanFile(formatFixture(name), { sourceName: name });
}

export async function importRefusal(bytes: Uint8Array): Promise<ImportError> {
  try {
    await parsePlanFile(bytes);
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error("expected an ImportError");
}
