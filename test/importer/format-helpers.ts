import { readFileSync } from "node:fs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
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

/**
 * The same Office file with a text changed in one of its parts (a revised plan as a bureau would
 * resend it): `word/document.xml` of a .docx, `xl/sharedStrings.xml` of an .xlsx.
 */
export function reviseOoxml(bytes: Buffer, from: string, to: string, part = "word/document.xml"): Buffer {
  const files = unzipSync(new Uint8Array(bytes));
  const xml = strFromU8(files[part]!);
  if (!xml.includes(from)) throw new Error(`"${from}" is not in ${part}`);
  files[part] = strToU8(xml.replace(from, to));
  return Buffer.from(zipSync(files));
}
