import { decodeFile, detectFormat, type DecodedFile, type FileFormat } from "./formats/index.ts";
import { parsePlanDocument, type ParseOptions } from "./index.ts";
import { ImportError, type ImportResult } from "./types.ts";

/**
 * Imports a plan file of any supported format (detected from its content): the format's decoder
 * turns it into text, then the one text pipeline reads it. Each plan records the format it came
 * from, and what the decoder could not keep becomes a warning. Throws ImportError for files that
 * cannot be imported (unsupported type, scanned PDF, no tasks, …).
 */
export async function parsePlanFile(bytes: Uint8Array, options: ParseOptions = {}): Promise<ImportResult> {
  // Text goes straight to the pipeline, which decodes it (encodings, binary checks) itself.
  const decoded: DecodedFile =
    detectFormat(bytes).format === "text" ? { format: "text", text: "", notes: [] } : await decodeFile(bytes);
  let result: ImportResult;
  try {
    result =
      decoded.format === "text"
        ? parsePlanDocument(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), options)
        : parsePlanDocument(decoded.text, options);
  } catch (err) {
    if (err instanceof ImportError && err.code === "no_tasks" && decoded.format === "doc") {
      throw new ImportError("no_tasks", `${err.message}; old Word files (.doc/.wps) lose automatic numbering: save it as .docx and import that`);
    }
    throw err;
  }
  for (const plan of result.plans) {
    plan.sourceFormat = decoded.format;
    // A Word, Excel or PDF file is read whole or refused: text that "ends mid-sentence" is a table's
    // last cell, not a truncated download.
    if (decoded.format !== "text") plan.warnings = plan.warnings.filter((w) => !/ends mid-sentence/.test(w.message));
    plan.warnings.unshift(...decoded.notes.map((message) => ({ line: 0, message })));
  }
  return result;
}

export type { FileFormat };
