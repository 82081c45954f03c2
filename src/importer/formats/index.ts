import { decodeDocumentDetailed } from "../decode.ts";
import { ImportError } from "../types.ts";
import { detectFormat, type FileFormat } from "./detect.ts";
import { decodeDocx } from "./docx.ts";

export { detectFormat, type FileFormat } from "./detect.ts";

export interface DecodedFile {
  format: FileFormat;
  text: string;
  /** What the decoder left out or could not keep, for the import warnings. */
  notes: string[];
}

/**
 * Decodes any supported plan file to text for the pipeline: plain text in any encoding, .docx,
 * .pdf with a text layer, .xlsx and old .xls task tables, old binary Word (.doc/.wps). The format comes from
 * the content. Throws ImportError with a message a user can act on for everything else.
 */
export async function decodeFile(bytes: Uint8Array): Promise<DecodedFile> {
  const detected = detectFormat(bytes);
  switch (detected.format) {
    case "text":
      return { format: "text", text: decodeDocumentDetailed(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).text, notes: [] };
    case "docx":
      return { format: "docx", text: decodeDocx(bytes), notes: [] };
    case "xlsx": {
      const { decodeXlsx } = await import("./xlsx.ts");
      return { format: "xlsx", ...decodeXlsx(bytes) };
    }
    case "pdf": {
      const { decodePdf } = await import("./pdf.ts");
      return { format: "pdf", ...(await decodePdf(bytes)) };
    }
    case "doc": {
      const { decodeDoc } = await import("./doc.ts");
      return { format: "doc", ...(await decodeDoc(bytes)) };
    }
    case "xls": {
      const { decodeXls } = await import("./xls.ts");
      return { format: "xls", ...(await decodeXls(bytes)) };
    }
    default:
      throw new ImportError("unsupported", `the file is ${detected.what ?? "not a plan document"}`);
  }
}
