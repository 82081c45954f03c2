import http from "node:http";
import { parse as parseQuery } from "node:querystring";
import { WebSocket, WebSocketServer } from "ws";
import { blockKitErrors, viewErrors } from "./block-kit.ts";
import { SlackFileHost } from "./files.ts";
import { closeLocally, listenLocally } from "../local-server.ts";
import { Waiter } from "../waiter.ts";

/** The least time a wait for expected traffic is given before it counts as a hang. */
export { WAIT_FLOOR_MS } from "../waiter.ts";

export interface ApiCall {
  method: string;
  args: Record<string, any>;
  auth?: string;
}
export interface ResponseUrlPost {
  id: string;
  body: Record<string, any>;
}
export interface Rejection {
  where: string;
  errors: string[];
}

export const BOT_USER_ID = "U0BOT";
export const BOT_ID = "B0BOT";

/** A message the fake keeps per channel, as conversations.history returns it. */
export interface StoredMessage {
  type: "message";
  ts: string;
  text?: string;
  blocks?: unknown[];
  user?: string;
  bot_id?: string;
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A one-off answer for the next call of a method: an HTTP status (429 with retry-after, 500) or `{ ok: false, error }`. */
export interface FailNext {
  status?: number;
  headers?: Record<string, string>;
  error?: string;
  /** Do what the call asks (e.g. post the message), then answer with the failure anyway. */
  commit?: boolean;
}
const RESPONSE_URL_USES = 5;

/**
 * A local Slack: the Web API (`/api/<method>`), response URLs (`/respond/<id>`) and a Socket
 * Mode WebSocket (`/socket`), on 127.0.0.1 with an ephemeral port. It records every call,
 * refuses Block Kit that the real Slack would refuse, and lets tests wait on traffic.
 */
export class FakeSlack {
  apiCalls: ApiCall[] = [];
  responses: ResponseUrlPost[] = [];
  /** Socket Mode acknowledgements `{ envelope_id, payload }`. */
  acks: Record<string, any>[] = [];
  rejected: Rejection[] = [];
  /** Methods that answer `{ ok: false, error }`: method → error code. */
  failures = new Map<string, string>();
  /** users.info answers: id → display name. */
  users = new Map<string, string>();
  /** Messages posted (chat.postMessage) or seeded, per channel, oldest first. */
  messages = new Map<string, StoredMessage[]>();
  /** conversations.open refuses these users: user id → error code (`cannot_dm_bot`, `user_disabled`…). */
  dmRefusals = new Map<string, string>();
  /** The token `url_private_download` accepts (Slack sends anyone else to a sign-in page). */
  botToken = "xoxb-test-token";
  /** Files members shared and files the bot uploaded (see {@link SlackFileHost}). */
  private readonly fileHost = new SlackFileHost(this);
  readonly files = this.fileHost.files;
  readonly downloads = this.fileHost.downloads;
  readonly pendingUploads = this.fileHost.pendingUploads;
  readonly uploaded = this.fileHost.uploaded;
  private failNexts = new Map<string, Array<{ answer: FailNext; after: number }>>();
  private tsSeq = 0;
  port = 0;
  private readonly waits = new Waiter("FakeSlack");
  /** Resolves once `pred` over the recorded traffic holds (see {@link Waiter}). */
  readonly waitFor: Waiter["waitFor"] = (pred, timeoutMs) => this.waits.waitFor(pred, timeoutMs);
  private readonly notify = () => this.waits.notify();
  private responseUses = new Map<string, number>();
  private server = http.createServer((req, res) => void this.handle(req, res));
  private wss = new WebSocketServer({ server: this.server, path: "/socket" });
  private socket?: WebSocket;
  private envelopeSeq = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${id}`;
  }

  /**
   * A later call of `method` gets this answer instead: the next one, or the one after `after`
   * calls that succeed. Queued: each answer is used once.
   */
  failNext(method: string, answer: FailNext, options: { after?: number } = {}): void {
    this.failNexts.set(method, [...(this.failNexts.get(method) ?? []), { answer, after: options.after ?? 0 }]);
  }

  /** Like {@link failNext}, for a post to the response URL `id` (see {@link responseUrl}). */
  failNextResponse(id: string, answer: FailNext): void {
    this.failNext(`respond/${id}`, answer);
  }

  private takeFailNext(key: string): FailNext | undefined {
    const queued = this.failNexts.get(key)?.[0];
    if (queued && queued.after > 0) queued.after--;
    else if (queued) return this.failNexts.get(key)!.shift()!.answer;
    return undefined;
  }

  /** Adds a message to a channel's history as if posted earlier (by someone, or by the bot with `bot_id`). */
  seedMessage(channel: string, message: Partial<StoredMessage>): StoredMessage {
    const stored: StoredMessage = { type: "message", ts: this.nextTs(), ...message };
    this.messages.set(channel, [...(this.messages.get(channel) ?? []), stored]);
    return stored;
  }

  /** Unique, increasing message timestamps (Slack's `ts` identifies a message in its channel). */
  private nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.tsSeq).padStart(6, "0")}`;
  }

  /**
   * Hosts a file as if a member had uploaded it; returns the file object a `file_share` message
   * event carries (`url_private_download` on this fake).
   */
  hostFile(name: string, bytes: Buffer | string, mimetype = "application/octet-stream"): Record<string, unknown> {
    return this.fileHost.hostFile(name, bytes, mimetype);
  }

  calls(method: string): ApiCall[] {
    return this.apiCalls.filter((c) => c.method === method);
  }

  responsesTo(id: string): ResponseUrlPost[] {
    return this.responses.filter((r) => r.id === id);
  }

  /** Waits until the response_url `id` has received at least `count` posts; returns them all. */
  async responded(id: string, count = 1): Promise<ResponseUrlPost[]> {
    return this.waitFor(() => {
      const got = this.responsesTo(id);
      return got.length >= count ? got : undefined;
    });
  }

  async start(): Promise<this> {
    this.wss.on("connection", (ws) => {
      this.socket = ws;
      ws.on("message", (raw) => {
        this.acks.push(JSON.parse(String(raw)));
        this.notify();
      });
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0TEST" } }));
      this.notify();
    });
    this.port = await listenLocally(this.server);
    return this;
  }

  async stop(): Promise<void> {
    // A graceful close: terminate() would leave the Socket Mode client waiting out a 30 s timer.
    await closeLocally(this.server, this.wss, (c) =>
      c.readyState === WebSocket.CLOSED
        ? undefined
        : new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              c.terminate();
              resolve();
            }, 1000);
            c.once("close", () => {
              clearTimeout(timer);
              resolve();
            });
            c.close(1001, "fake slack shutting down");
          }),
    );
  }

  get socketConnected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Socket Mode: pushes an envelope to the connected app; returns its envelope_id. */
  sendEnvelope(type: "slash_commands" | "events_api" | "interactive", payload: unknown, envelopeId = `env-${++this.envelopeSeq}`, retryAttempt = 0): string {
    if (!this.socket) throw new Error("no Socket Mode client connected");
    this.socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type,
        payload,
        accepts_response_payload: type !== "events_api",
        retry_attempt: retryAttempt,
        retry_reason: retryAttempt ? "timeout" : "",
      }),
    );
    return envelopeId;
  }


  private reject(where: string, errors: string[]): boolean {
    if (!errors.length) return false;
    this.rejected.push({ where, errors });
    return true;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString();
    const url = new URL(req.url ?? "/", "http://fake");
    let forced: FailNext | undefined;
    const json = (code: number, body: unknown) => {
      if (forced) {
        const status = forced.status ?? 200;
        res.writeHead(status, { "content-type": "application/json", ...forced.headers });
        res.end(JSON.stringify(status === 200 ? { ok: false, error: forced.error ?? "internal_error" } : { ok: false, error: status === 429 ? "ratelimited" : "fatal_error" }));
      } else {
        res.writeHead(code, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      }
      this.notify();
    };

    if (url.pathname.startsWith("/respond/")) {
      const id = url.pathname.slice("/respond/".length);
      forced = this.takeFailNext(`respond/${id}`);
      if (forced && !forced.commit) return json(0, null);
      const uses = (this.responseUses.get(id) ?? 0) + 1;
      this.responseUses.set(id, uses);
      if (uses > RESPONSE_URL_USES) return json(404, { ok: false, error: "used_url" });
      const body = JSON.parse(raw) as Record<string, any>;
      if (this.reject(`respond ${id}`, blockKitErrors(body.blocks, 50))) return json(400, { ok: false, error: "invalid_blocks" });
      this.responses.push({ id, body });
      return json(200, { ok: true });
    }

    if (this.fileHost.serve(req, url, bytes, res)) return this.notify();
    if (!url.pathname.startsWith("/api/")) return json(404, { ok: false, error: "unknown_path" });
    const method = url.pathname.slice("/api/".length);
    const type = req.headers["content-type"] ?? "";
    const args: Record<string, any> = type.includes("json") ? JSON.parse(raw || "{}") : { ...parseQuery(raw) };
    for (const k of ["blocks", "attachments", "metadata", "view"]) if (typeof args[k] === "string") args[k] = JSON.parse(args[k]);
    this.apiCalls.push({ method, args, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
    forced = this.takeFailNext(method);
    if (forced && !forced.commit) return json(0, null);
    const failure = this.failures.get(method);
    if (failure) return json(200, { ok: false, error: failure });
    const filesAnswer = this.fileHost.api(method, args);
    if (filesAnswer) return json(200, filesAnswer);
    switch (method) {
      case "auth.test":
        return json(200, { ok: true, url: "https://fake.slack.com/", team: "Fake", team_id: "T0TEST", user: "duban", user_id: BOT_USER_ID, bot_id: BOT_ID });
      case "apps.connections.open":
        return json(200, { ok: true, url: `ws://127.0.0.1:${this.port}/socket` });
      case "users.info": {
        const name = this.users.get(String(args.user));
        if (!name) return json(200, { ok: false, error: "user_not_found" });
        return json(200, { ok: true, user: { id: args.user, name: name.toLowerCase(), profile: { display_name: name } } });
      }
      case "chat.postMessage": {
        if (this.reject(method, blockKitErrors(args.blocks, 50))) return json(200, { ok: false, error: "invalid_blocks" });
        const channel = String(args.channel);
        const stored = this.seedMessage(channel, {
          text: args.text,
          blocks: args.blocks,
          user: BOT_USER_ID,
          bot_id: BOT_ID,
          ...(args.thread_ts ? { thread_ts: String(args.thread_ts) } : {}),
          ...(args.metadata ? { metadata: args.metadata } : {}),
        });
        return json(200, { ok: true, channel, ts: stored.ts, message: stored });
      }
      case "conversations.open": {
        const user = String(args.users);
        const refusal = this.dmRefusals.get(user);
        if (refusal) return json(200, { ok: false, error: refusal });
        return json(200, { ok: true, channel: { id: `D${user.slice(1)}` } });
      }
      case "conversations.history": {
        const all = [...(this.messages.get(String(args.channel)) ?? [])].reverse();
        const start = Number(args.cursor ?? 0);
        const limit = Number(args.limit ?? 100);
        const page = all.slice(start, start + limit).map((m) => {
          if (args.include_all_metadata === "true" || args.include_all_metadata === true) return m;
          const { metadata: _, ...rest } = m;
          return rest;
        });
        const more = start + limit < all.length;
        return json(200, { ok: true, messages: page, has_more: more, response_metadata: { next_cursor: more ? String(start + limit) : "" } });
      }
      case "chat.postEphemeral":
      case "chat.update":
        if (this.reject(method, blockKitErrors(args.blocks, 50))) return json(200, { ok: false, error: "invalid_blocks" });
        return json(200, { ok: true, channel: args.channel, ts: `${Date.now() / 1000}`, message_ts: `${Date.now() / 1000}` });
      case "views.open":
      case "views.publish":
        if (this.reject(method, viewErrors(args.view))) return json(200, { ok: false, error: "invalid_arguments" });
        return json(200, { ok: true, view: { id: `V${this.apiCalls.length}`, ...args.view } });
      default:
        return json(200, { ok: true });
    }
  }
}
