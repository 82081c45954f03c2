import { AttachmentError } from "../core/context.ts";

/** A download that has not finished by then is given up (a plan file is a few MB at most). */
const DOWNLOAD_TIMEOUT_MS = 120_000;

export interface DownloadOptions {
  headers?: Record<string, string>;
  maxBytes: number;
  /**
   * Said when the server answers with a web page instead of the file (Slack does so, with status
   * 200, when the token may not read files); absent: a web page is taken as the file.
   */
  htmlMeans?: string;
}

/**
 * Downloads a chat platform's file over HTTP(S), reading at most `maxBytes` (a larger file is
 * refused as soon as its size is known, the rest never read). Failures are AttachmentErrors a
 * user can read.
 */
export async function download(url: string, options: DownloadOptions): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { headers: options.headers ?? {}, redirect: "follow", signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (err) {
    throw new AttachmentError("unavailable", `network error (${(err as Error).name === "TimeoutError" ? "timed out" : (err as Error).message})`);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new AttachmentError("unavailable", `HTTP ${res.status}`);
  }
  if (options.htmlMeans && /text\/html/i.test(res.headers.get("content-type") ?? "")) {
    await res.body?.cancel().catch(() => undefined);
    throw new AttachmentError("unavailable", options.htmlMeans);
  }
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > options.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new AttachmentError("too_large", `${declared} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (err) {
        throw new AttachmentError("unavailable", `network error (${(err as Error).message})`);
      }
      if (step.done) break;
      total += step.value.byteLength;
      if (total > options.maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new AttachmentError("too_large", `more than ${options.maxBytes} bytes`);
      }
      chunks.push(step.value);
    }
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  if (options.htmlMeans && /^\s*<(?:!doctype html|html)[\s>]/i.test(new TextDecoder().decode(out.subarray(0, 64)))) {
    throw new AttachmentError("unavailable", options.htmlMeans);
  }
  return out;
}
