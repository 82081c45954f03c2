import { oleEntryNames } from "./ole.ts";
import { zipNames } from "./zip.ts";

export type FileFormat = "text" | "docx" | "xlsx" | "pdf" | "doc" | "xls" | "other";

export interface Detected {
  format: FileFormat;
  /** For "other": what the file is, for the refusal message. */
  what?: string;
}

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function findPdfHeader(bytes: Uint8Array): boolean {
  // Some producers put a few bytes before `%PDF-`; readers accept it within the first 1 KB.
  const limit = Math.min(bytes.length - PDF.length, 1024);
  for (let i = 0; i <= limit; i++) if (startsWith(bytes, PDF, i)) return true;
  return false;
}

function detectZip(bytes: Uint8Array): Detected {
  const names = zipNames(bytes);
  if (!names) return { format: "other", what: "a damaged ZIP archive" };
  const has = (n: string): boolean => names.includes(n);
  if (has("word/document.xml")) return { format: "docx" };
  if (has("xl/workbook.xml")) return { format: "xlsx" };
  if (names.some((n) => n.startsWith("ppt/"))) return { format: "other", what: "a PowerPoint presentation (.pptx); save the plan as .docx" };
  if (has("mimetype") && has("content.xml")) return { format: "other", what: "an OpenDocument file (.odt/.ods); save it as .docx or .xlsx" };
  if (has("[Content_Types].xml")) return { format: "other", what: "an Office file that is neither a Word document nor a workbook" };
  return { format: "other", what: "a ZIP archive, not a document; unpack it and import the plan inside" };
}

function detectOle(bytes: Uint8Array): Detected {
  const names = oleEntryNames(bytes);
  if (!names) return { format: "other", what: "a damaged old-format Office file; save it as .docx" };
  const has = (n: string): boolean => names.some((x) => x.toLowerCase() === n.toLowerCase());
  if (has("EncryptedPackage")) return { format: "other", what: "a password-protected Office file; remove the password and save it again" };
  if (has("WordDocument")) return { format: "doc" };
  if (has("Workbook") || has("Book")) return { format: "xls" };
  if (has("PowerPoint Document")) return { format: "other", what: "a PowerPoint presentation (.ppt); save the plan as .docx" };
  return { format: "other", what: "an old-format Office file Duban cannot read (not Word or Excel); save it as .docx" };
}

/** Tells the format from the bytes (magic numbers, ZIP and OLE2 entry names), never from the file name. */
export function detectFormat(bytes: Uint8Array): Detected {
  if (startsWith(bytes, ZIP)) return detectZip(bytes);
  if (startsWith(bytes, OLE)) return detectOle(bytes);
  if (findPdfHeader(bytes)) return { format: "pdf" };
  return { format: "text" };
}
