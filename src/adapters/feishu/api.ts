import path from "node:path";
import type { ReplyFile } from "../../core/reply.ts";
import { PostError } from "../../scheduler/types.ts";
import { NotSentError, requestJson, type HttpAnswer } from "./http.ts";

export interface ApiOptions {
  /** The open platform's base URL (`FEISHU_DOMAIN`). */
  domain: string;
  appId: string;
  appSecret: string;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  now?: () => number;
}

/** Every Feishu answer: `{ code, msg, data }` (code 0 is success), whatever the HTTP status. */
interface Envelope {
  code?: number;
  msg?: string;
  data?: any;
  [key: string]: unknown;
}

/** What a send returns. */
export interface Sent {
  messageId: string;
  chatId: string;
}

/** Where a message goes: a chat (`oc_…`) or one person (`ou_…`). */
export type Receiver = { chatId: string } | { openId: string };

/** Feishu's `file_type` for an upload, by extension (anything else is a generic `stream`). */
const FILE_TYPES: Record<string, string> = { ".xls": "xls", ".xlsx": "xls", ".pdf": "pdf", ".doc": "doc", ".docx": "doc", ".ppt": "ppt", ".pptx": "ppt", ".mp4": "mp4", ".opus": "opus" };

/** A token is renewed this long before Feishu says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const DEFAULT_RETRY_AFTER_MS = 2_000;
/** The tenant access token is invalid or expired: renew it once and try again. */
const TOKEN_CODES = new Set([99991661, 99991663, 99991664, 99991668]);
/** Too many requests (also sent as HTTP 429). */
const RATE_CODES = new Set([99991400, 11232, 230020]);
/** The person cannot receive a message from the bot (outside its availability, blocked it, left). */
const DM_CODES = new Set([230013, 230053, 230035]);
/** Answers that say how to fix the app (shown in `/digest status` and the log). */
const HINTS: Record<number, string> = {
  10003: "check FEISHU_APP_ID",
  10014: "check FEISHU_APP_SECRET",
  99991672: "the app lacks a permission (see docs/feishu.md, permissions)",
  99991401: "the app's IP allow list refuses this server",
  230002: "the bot is not in this chat",
  230001: "the message was refused as invalid",
  230099: "the card was refused",
  11310: "the card was refused",
};

/** An API answer that is not success, with Feishu's code. */
export class FeishuError extends PostError {
  constructor(
    kind: ConstructorParameters<typeof PostError>[0],
    message: string,
    readonly code: number | undefined,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(kind, message, options);
    this.name = "FeishuError";
  }
}

/**
 * The few Feishu OpenAPI calls Duban makes, with the tenant access token (cached, renewed five
 * minutes before it expires and after Feishu calls it invalid). Failures become
 * {@link FeishuError}s (PostErrors): throttling, 5xx and network failures are transient —
 * message sends carry a `uuid`, so Feishu itself drops a repeated send of the same message for an
 * hour; a refusal (bad chat, no permission) is permanent; a person the bot cannot reach is
 * `dm_unavailable`. Secrets and tokens never appear in an error message.
 */
export function createApi(o: ApiOptions) {
  const base = `${o.domain.replace(/\/+$/, "")}/open-apis`;
  const timeoutMs = o.timeoutMs ?? 15_000;
  const now = o.now ?? Date.now;
  let token: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function raw(method: "GET" | "POST" | "PATCH", path: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: Envelope; retryAfter: string | undefined }> {
    let res: HttpAnswer;
    try {
      res = await requestJson(method, `${base}${path}`, body, headers, timeoutMs);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const detail = err instanceof NotSentError ? `unreachable (${err.message})` : `did not answer (${e.code === "TIMEOUT" ? "timeout" : (e.code ?? e.message)})`;
      throw new FeishuError("transient", `Feishu ${path.split("?")[0]}: ${detail}`, undefined, { cause: err });
    }
    let parsed: Envelope = {};
    try {
      parsed = res.text ? (JSON.parse(res.text) as Envelope) : {};
    } catch {
      parsed = { msg: res.text.slice(0, 200) };
    }
    const reset = res.headers["x-ogw-ratelimit-reset"] ?? res.headers["retry-after"];
    return { status: res.status, body: parsed, retryAfter: Array.isArray(reset) ? reset[0] : reset };
  }

  function failure(path: string, r: { status: number; body: Envelope; retryAfter: string | undefined }): FeishuError {
    const code = typeof r.body.code === "number" ? r.body.code : undefined;
    const hint = code !== undefined ? HINTS[code] : undefined;
    const detail = `Feishu ${path.split("?")[0]}: HTTP ${r.status}${code !== undefined ? ` code ${code}` : ""}${r.body.msg ? ` (${String(r.body.msg).slice(0, 160)})` : ""}${hint ? `: ${hint}` : ""}`;
    if (r.status === 429 || (code !== undefined && RATE_CODES.has(code))) {
      const seconds = Number(r.retryAfter);
      return new FeishuError("transient", `${detail}: throttled`, code, { retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS });
    }
    if (r.status >= 500) return new FeishuError("transient", detail, code);
    if (code !== undefined && DM_CODES.has(code)) return new FeishuError("dm_unavailable", detail, code);
    return new FeishuError("permanent", detail, code);
  }

  async function fetchToken(): Promise<string> {
    const path = "/auth/v3/tenant_access_token/internal";
    const r = await raw("POST", path, { app_id: o.appId, app_secret: o.appSecret }, {});
    const value = r.body.tenant_access_token;
    if (r.body.code !== 0 || typeof value !== "string") {
      const err = failure(path, r);
      throw err.kind === "permanent" ? new FeishuError("permanent", `Feishu tenant access token refused: code ${r.body.code ?? r.status}${r.body.msg ? ` (${String(r.body.msg).slice(0, 160)})` : ""}: check FEISHU_APP_ID, FEISHU_APP_SECRET and FEISHU_DOMAIN`, err.code) : err;
    }
    const expire = typeof r.body.expire === "number" ? r.body.expire : 7200;
    token = { value, renewAt: now() + Math.max(60, expire) * 1000 - TOKEN_MARGIN_MS };
    return value;
  }

  /** The cached tenant access token, or a new one (one request at a time). */
  async function accessToken(renew = false): Promise<string> {
    if (!renew && token && now() < token.renewAt) return token.value;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  }

  /** An authenticated call; `data` of a successful answer. */
  async function call(method: "GET" | "POST" | "PATCH", path: string, body?: unknown): Promise<any> {
    for (let attempt = 0; ; attempt++) {
      const r = await raw(method, path, body, { authorization: `Bearer ${await accessToken(attempt > 0)}` });
      if (r.status < 300 && r.body.code === 0) return r.body.data ?? r.body;
      if (attempt === 0 && typeof r.body.code === "number" && TOKEN_CODES.has(r.body.code)) continue;
      throw failure(path, r);
    }
  }

  /** A multipart upload (files and images); `data` of a successful answer. */
  async function upload(pathname: string, fields: Record<string, string>, file: ReplyFile, field: string): Promise<any> {
    for (let attempt = 0; ; attempt++) {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set(field, new Blob([new Uint8Array(file.data)], { type: file.mime }), file.name);
      let res: Response;
      try {
        res = await fetch(`${base}${pathname}`, { method: "POST", headers: { authorization: `Bearer ${await accessToken(attempt > 0)}` }, body: form, signal: AbortSignal.timeout(timeoutMs * 4) });
      } catch (err) {
        throw new FeishuError("transient", `Feishu ${pathname}: ${(err as Error).name === "TimeoutError" ? "timeout" : "unreachable"}`, undefined, { cause: err });
      }
      const text = await res.text();
      let body: Envelope = {};
      try {
        body = text ? (JSON.parse(text) as Envelope) : {};
      } catch {
        body = { msg: text.slice(0, 200) };
      }
      if (res.status < 300 && body.code === 0) return body.data ?? body;
      if (attempt === 0 && typeof body.code === "number" && TOKEN_CODES.has(body.code)) continue;
      throw failure(pathname, { status: res.status, body, retryAfter: res.headers.get("x-ogw-ratelimit-reset") ?? undefined });
    }
  }

  const sent = (d: any): Sent => ({ messageId: String(d?.message_id ?? ""), chatId: String(d?.chat_id ?? "") });

  return {
    accessToken,
    /** The bot itself: its open_id (to recognise @-mentions of it) and name. */
    async botInfo(): Promise<{ openId: string; name: string }> {
      const r = await call("GET", "/bot/v3/info");
      const bot = (r?.bot ?? r) as { open_id?: string; app_name?: string };
      if (!bot.open_id) throw new FeishuError("permanent", "Feishu /bot/v3/info: no open_id (is the bot capability enabled?)", undefined);
      return { openId: bot.open_id, name: bot.app_name ?? "" };
    },
    /** Sends a message to a chat or a person; `uuid` makes Feishu drop a repeat within an hour. */
    async send(to: Receiver, m: { msg_type: string; content: string }, uuid?: string): Promise<Sent> {
      const [type, id] = "chatId" in to ? ["chat_id", to.chatId] : ["open_id", to.openId];
      return sent(await call("POST", `/im/v1/messages?receive_id_type=${type}`, { receive_id: id, ...m, ...(uuid ? { uuid } : {}) }));
    },
    /** Replies to a message (quoted in the chat it came from). */
    async reply(messageId: string, m: { msg_type: string; content: string }, uuid?: string): Promise<Sent> {
      return sent(await call("POST", `/im/v1/messages/${encodeURIComponent(messageId)}/reply`, { ...m, ...(uuid ? { uuid } : {}) }));
    },
    /** Replaces an interactive card the bot sent (it must have `config.update_multi`). */
    async patchCard(messageId: string, card: object): Promise<void> {
      await call("PATCH", `/im/v1/messages/${encodeURIComponent(messageId)}`, { content: JSON.stringify(card) });
    },
    /** A card in a group only one person sees. */
    async sendEphemeral(chatId: string, openId: string, card: object): Promise<string> {
      const d = await call("POST", "/ephemeral/v1/send", { chat_id: chatId, open_id: openId, msg_type: "interactive", card });
      return String(d?.message_id ?? "");
    },
    /** A chat's recent messages, newest first (one page). */
    async listMessages(chatId: string, pageSize: number, pageToken?: string): Promise<{ items: any[]; hasMore: boolean; pageToken?: string }> {
      const q = new URLSearchParams({ container_id_type: "chat", container_id: chatId, sort_type: "ByCreateTimeDesc", page_size: String(pageSize), ...(pageToken ? { page_token: pageToken } : {}) });
      const d = await call("GET", `/im/v1/messages?${q}`);
      return { items: (d?.items as any[]) ?? [], hasMore: Boolean(d?.has_more), ...(d?.page_token ? { pageToken: String(d.page_token) } : {}) };
    },
    /**
     * Uploads a reply's file and returns the message that shows it: an image (`image_key`) for
     * pictures, otherwise a file (`file_key`). Needs the `im:resource` permission.
     */
    async uploadFile(file: ReplyFile): Promise<{ msg_type: string; content: string }> {
      if (file.mime.startsWith("image/")) {
        const d = await upload("/im/v1/images", { image_type: "message" }, file, "image");
        return { msg_type: "image", content: JSON.stringify({ image_key: String(d?.image_key ?? "") }) };
      }
      const type = FILE_TYPES[path.extname(file.name).toLowerCase()] ?? "stream";
      const d = await upload("/im/v1/files", { file_type: type, file_name: file.name }, file, "file");
      return { msg_type: "file", content: JSON.stringify({ file_key: String(d?.file_key ?? "") }) };
    },
    /** Where a file sent in a message is downloaded (with {@link accessToken}; needs `im:resource`). */
    resourceUrl(messageId: string, fileKey: string): string {
      return `${base}/im/v1/messages/${encodeURIComponent(messageId)}/resources/${encodeURIComponent(fileKey)}?type=file`;
    },
    /** A person's name (needs a contact permission; null when Feishu will not say). */
    async userName(openId: string): Promise<string | null> {
      try {
        const d = await call("GET", `/contact/v3/users/${encodeURIComponent(openId)}?user_id_type=open_id`);
        const name = d?.user?.name;
        return typeof name === "string" && name.trim() ? name.trim() : null;
      } catch {
        return null;
      }
    },
  };
}

export type Api = ReturnType<typeof createApi>;
