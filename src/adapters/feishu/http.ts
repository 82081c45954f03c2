import http from "node:http";
import https from "node:https";

export interface HttpAnswer {
  status: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}

/** Failed before the request left (nothing can have been done with it). */
export class NotSentError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "NotSentError";
  }
}

/**
 * One JSON request on a fresh connection (no keep-alive pool: a pooled connection the server
 * has just closed fails a POST ambiguously). Errors before the request was written are
 * {@link NotSentError}; later ones (reset, timeout) may have been processed by the server.
 */
export function requestJson(method: "GET" | "POST" | "PATCH", url: string, body: unknown, headers: Record<string, string>, timeoutMs: number): Promise<HttpAnswer> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), "utf8");
  const u = new URL(url);
  const lib = u.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let sent = false;
    const req = lib.request(
      u,
      {
        method,
        agent: false,
        headers: { accept: "application/json", ...(payload ? { "content-type": "application/json; charset=utf-8", "content-length": String(payload.length) } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "TIMEOUT" })));
    req.on("error", (err: NodeJS.ErrnoException) => reject(sent ? err : new NotSentError(`${err.code ?? err.message}`, { cause: err })));
    req.end(payload, () => (sent = true));
  });
}
