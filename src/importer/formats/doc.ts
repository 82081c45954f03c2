import { ImportError } from "../types.ts";

/**
 * Decodes old binary Word files (.doc, and .wps saved by WPS in the same format) with
 * word-extractor: the body text, without headers, footers and automatic numbering (the binary
 * format keeps list labels outside the text), which a note says.
 */
export async function decodeDoc(bytes: Uint8Array): Promise<{ text: string; notes: string[] }> {
  const { default: WordExtractor } = await import("word-extractor");
  let body: string;
  try {
    const doc = await new WordExtractor().extract(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    body = doc.getBody();
  } catch (err) {
    throw new ImportError("unsupported", `the old Word file (.doc/.wps) cannot be read (${(err as Error).message}); open it in Word or WPS and save it as .docx`);
  }
  return {
    text: body.replace(/\r\n?/g, "\n"),
    notes: ["old Word format (.doc/.wps): automatic numbering is not kept; if tasks are missing, save the file as .docx and import that"],
  };
}
