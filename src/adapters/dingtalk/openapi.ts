import { PostError } from "../../scheduler/types.ts";
import { NotSentError, postJson, type HttpAnswer } from "./http.ts";

export interface OpenApiOptions {
  /** `DINGTALK_API_URL` (default https://api.dingtalk.com). */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  /** The robot's code for robot sends; an internal app's robot uses its client id. */
  robotCode?: string;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  now?: () => number;
}

/** DingTalk answers a refused call with `{ code, message }` (OpenAPI) or `{ errcode, errmsg }` (webhooks). */
interface ErrorBody {
  code?: string;
  message?: string;
  errcode?: number;
  errmsg?: string;
}

/** A token is renewed this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const DEFAULT_RETRY_AFTER_MS = 2_000;
/** OpenAPI codes that mean "too many calls" (sent as 403 or 429). */
const THROTTLED = /QpsLimit|Throttl|FlowControl|RateLimit/i;

/**
 * A failure after the request may have reached DingTalk (500, 504, a timeout, a dropped
 * connection): the message may or may not have been posted. DingTalk offers no way to look a
 * robot message up afterwards, so such a post is never sent again (no duplicates).
 */
export class MaybePostedError extends PostError {
  constructor(message: string, cause?: unknown) {
    super("permanent", `${message}; it may have been posted, so it is not sent again (DingTalk cannot be asked)`, { cause });
    this.name = "MaybePostedError";
  }
}

/**
 * DingTalk's OpenAPI for what Duban sends unprompted: the access token (`POST
 * /v1.0/oauth2/accessToken`, cached, renewed before expiry and after a 401) and robot messages
 * to a group (`/v1.0/robot/groupMessages/send`) or to people (`/v1.0/robot/oToMessages/batchSend`).
 * Failures become {@link PostError}s: throttling and 502/503 (not processed) are transient; a
 * failure that may have been processed is a {@link MaybePostedError}; the rest are permanent.
 * Secrets never appear in an error message.
 */
export function createOpenApi(o: OpenApiOptions) {
  const base = o.apiUrl.replace(/\/+$/, "");
  const timeoutMs = o.timeoutMs ?? 15_000;
  const now = o.now ?? Date.now;
  const robotCode = o.robotCode ?? o.clientId;
  let token: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function request(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any; retryAfter: string | null }> {
    let res: HttpAnswer;
    try {
      res = await postJson(url, body, headers, timeoutMs);
    } catch (err) {
      if (err instanceof NotSentError) throw new PostError("transient", `DingTalk unreachable (${err.message})`, { cause: err });
      const e = err as NodeJS.ErrnoException;
      throw new MaybePostedError(`DingTalk did not answer (${e.code === "TIMEOUT" ? "timeout" : e.code ?? e.message})`, err);
    }
    let parsed: unknown = {};
    try {
      parsed = res.text ? JSON.parse(res.text) : {};
    } catch {
      parsed = { message: res.text.slice(0, 200) };
    }
    return { status: res.status, body: parsed, retryAfter: res.retryAfter };
  }

  function failure(what: string, r: { status: number; body: ErrorBody; retryAfter: string | null }): PostError {
    const detail = `${what}: HTTP ${r.status}${r.body.code ? ` ${r.body.code}` : ""}${r.body.message ? ` (${r.body.message})` : ""}`;
    if (r.status === 429 || THROTTLED.test(r.body.code ?? "")) {
      const seconds = Number(r.retryAfter);
      return new PostError("transient", `${detail}: throttled`, { retryAfterMs: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS });
    }
    if (r.status === 502 || r.status === 503) return new PostError("transient", detail);
    if (r.status >= 500) return new MaybePostedError(detail);
    return new PostError("permanent", detail);
  }

  async function fetchToken(): Promise<string> {
    const r = await request(`${base}/v1.0/oauth2/accessToken`, { appKey: o.clientId, appSecret: o.clientSecret });
    const body = r.body as { accessToken?: string; expireIn?: number } & ErrorBody;
    if (r.status !== 200 || !body.accessToken) {
      const err = failure("DingTalk access token", r);
      throw err.kind === "permanent" && !(err instanceof MaybePostedError) ? new PostError("permanent", `${err.message}: check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET`) : err;
    }
    token = { value: body.accessToken, renewAt: now() + Math.max(60, body.expireIn ?? 7200) * 1000 - TOKEN_MARGIN_MS };
    return body.accessToken;
  }

  /** The cached token, or a new one (one request at a time). */
  async function accessToken(renew = false): Promise<string> {
    if (!renew && token && now() < token.renewAt) return token.value;
    pending ??= fetchToken().finally(() => (pending = undefined));
    return pending;
  }

  async function call(path: string, body: Record<string, unknown>): Promise<any> {
    for (let attempt = 0; ; attempt++) {
      const r = await request(`${base}${path}`, body, { "x-acs-dingtalk-access-token": await accessToken(attempt > 0) });
      if (r.status === 200) return r.body;
      // An expired or revoked token is refused before anything is sent: renew it once.
      if (r.status === 401 && attempt === 0) continue;
      throw failure(`DingTalk ${path}`, r);
    }
  }

  return {
    accessToken,
    robotCode,
    /** Posts to a group conversation (its openConversationId); returns DingTalk's processQueryKey. */
    async sendToGroup(openConversationId: string, m: { msgKey: string; msgParam: string }): Promise<string> {
      const res = (await call("/v1.0/robot/groupMessages/send", { robotCode, openConversationId, ...m })) as { processQueryKey?: string };
      return res.processQueryKey ?? "";
    },
    /** Posts to one person; `dm_unavailable` when DingTalk lists them as unreachable. */
    async sendToUser(userId: string, m: { msgKey: string; msgParam: string }): Promise<string> {
      const res = (await call("/v1.0/robot/oToMessages/batchSend", { robotCode, userIds: [userId], ...m })) as { processQueryKey?: string; invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] };
      if (res.invalidStaffIdList?.includes(userId)) throw new PostError("dm_unavailable", "DingTalk cannot message this user one-to-one (not in the organisation or outside the robot's range)");
      if (res.flowControlledStaffIdList?.includes(userId)) throw new PostError("transient", "DingTalk flow control for this user", { retryAfterMs: DEFAULT_RETRY_AFTER_MS });
      return res.processQueryKey ?? "";
    },
    /** Replies through a message's sessionWebhook (no token needed). */
    async replyToSession(url: string, body: Record<string, unknown>): Promise<void> {
      const r = await request(url, body);
      const b = r.body as ErrorBody;
      if (r.status !== 200) throw failure("DingTalk sessionWebhook", r);
      if (b.errcode !== undefined && b.errcode !== 0) {
        throw new PostError(/limit|频繁|busy/i.test(b.errmsg ?? "") ? "transient" : "permanent", `DingTalk sessionWebhook: errcode ${b.errcode} (${b.errmsg ?? ""})`);
      }
    },
  };
}

export type OpenApi = ReturnType<typeof createOpenApi>;
