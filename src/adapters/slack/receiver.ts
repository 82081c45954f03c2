import type { IncomingMessage, ServerResponse } from "node:http";
import { parse as parseQuery } from "node:querystring";
import { HTTPReceiver, verifySlackRequest, type HTTPReceiverOptions } from "@slack/bolt";
import type { LogSink } from "../../core/command.ts";

/** Slack's window for a request's timestamp, both ways: older is a replay, newer a forged clock. */
export const MAX_SKEW_SECONDS = 5 * 60;
/** Slack's own payloads are far smaller; Bolt's default limit is 10 MB. */
const BODY_LIMIT = 10 * 1024 * 1024;

type Verdict = { ok: true } | { ok: false; status: number; reason: string };

/**
 * Checks what Bolt's receiver trusts without checking: a timestamp in the future (Bolt refuses only
 * stale ones) and a body that parses to something other than an object (`null`, `payload=null`,
 * a number), on which Bolt's receiver throws outside any handler and ends the process.
 */
export function checkSlackRequest(raw: Buffer, headers: IncomingMessage["headers"], secret: string, nowMs: number): Verdict {
  const ts = Number(headers["x-slack-request-timestamp"]);
  const signature = headers["x-slack-signature"];
  const type = headers["content-type"];
  const text = raw.toString();
  if (type === "application/x-www-form-urlencoded" && parseQuery(text).ssl_check === "1") return { ok: true };
  if (!Number.isFinite(ts) || typeof signature !== "string") return { ok: false, status: 401, reason: "unsigned" };
  if (Math.abs(nowMs / 1000 - ts) > MAX_SKEW_SECONDS) return { ok: false, status: 401, reason: "timestamp outside ±5 minutes" };
  try {
    verifySlackRequest({ signingSecret: secret, body: text, headers: { "x-slack-signature": signature, "x-slack-request-timestamp": ts }, nowMilliseconds: nowMs });
  } catch {
    return { ok: false, status: 401, reason: "bad signature" };
  }
  let body: unknown;
  try {
    if (type === "application/x-www-form-urlencoded") {
      const form = parseQuery(text);
      body = typeof form.payload === "string" ? JSON.parse(form.payload) : form;
    } else {
      body = JSON.parse(text);
    }
  } catch {
    return { ok: false, status: 400, reason: "malformed body" };
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return { ok: false, status: 400, reason: "body is not an object" };
  return { ok: true };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) {
        reject(Object.assign(new Error("request body too large"), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function refuse(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

/**
 * Bolt's HTTP receiver behind a guard: every POST is read and checked first (signature, timestamp
 * within ±5 minutes either way, an object body); only then does Bolt see it, reading the buffered
 * body. Anything that still throws becomes a 500 and a log line, never the end of the process.
 */
export function guardedReceiver(options: HTTPReceiverOptions & { signingSecret: string }, log: LogSink, now: () => number = Date.now): HTTPReceiver {
  const receiver = new HTTPReceiver(options);
  const inner = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (req.method?.toUpperCase() !== "POST") return inner(req, res);
    void (async () => {
      try {
        const raw = await readBody(req);
        const verdict = checkSlackRequest(raw, req.headers, options.signingSecret, now());
        if (!verdict.ok) {
          log.warn({ status: verdict.status, reason: verdict.reason }, "slack request refused");
          return refuse(res, verdict.status);
        }
        // Bolt reuses a body that was already read (BufferedIncomingMessage).
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
        inner(req, res);
      } catch (err) {
        const deferred = (err as { code?: string }).code === "slack_bolt_http_receiver_deferred_request_error";
        const status = deferred ? 404 : ((err as { status?: number }).status ?? 500);
        log.error({ err: (err as Error).message, status }, "slack request failed before dispatch");
        refuse(res, status);
      }
    })();
  };
  return receiver;
}
