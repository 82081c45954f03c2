/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/**
 * Parses a multipart/form-data body (RFC 7578) as chat platforms receive uploads: the boundary
 * from the content type, each part's Content-Disposition name and filename, its bytes as sent.
 * Null when the request is not multipart.
 */
export function parseMultipart(contentType: string | undefined, body: Buffer): FormPart[] | null {
  const m = /^multipart\/form-data;.*boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
  if (!m) return null;
  const boundary = Buffer.from(`--${m[1] ?? m[2]!.trim()}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(boundary);
  while (at >= 0) {
    const start = at + boundary.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(boundary, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // after CRLF, before CRLF--boundary
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? "";
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1] ?? "";
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), ...(type ? { contentType: type } : {}), data: Buffer.from(part.subarray(split + 4)) });
    at = next;
  }
  return parts;
}
