import crypto from "node:crypto";
import http from "node:http";
import { WebSocket, WebSocketServer } from "ws";
import { robotTextMessage, ROBOT_TOPIC, type RobotMessageOptions } from "./payloads.ts";
import { sessionReplyErrors, robotSendErrors } from "./shapes.ts";
import { acceptWithTicket, closeLocally, listenLocally } from "../local-server.ts";
import { Waiter } from "../waiter.ts";

/** The least time a wait for expected traffic is given before it counts as a hang. */
export { WAIT_FLOOR_MS } from "../waiter.ts";

/** A frame the fake pushed down the stream (as the real gateway frames it). */
export interface DownFrame {
  specVersion: string;
  type: "SYSTEM" | "EVENT" | "CALLBACK";
  headers: Record<string, string>;
  data: string;
}
/** What the client sent back for a frame: `{ code, headers: { messageId }, message, data }`. */
export interface UpFrame {
  code: number;
  headers: Record<string, string>;
  message: string;
  data: string;
}
export interface WebhookPost {
  session: string;
  body: Record<string, any>;
}
export interface RobotPost {
  path: "/v1.0/robot/groupMessages/send" | "/v1.0/robot/oToMessages/batchSend";
  token: string;
  body: Record<string, any>;
  /** msgParam parsed. */
  param: Record<string, any>;
}
/** A one-off answer for the next request to a path: a status and body; `commit` does the work first. */
export interface FailNext {
  status: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  commit?: boolean;
  /** Let this many requests to the path through first. */
  skip?: number;
}

export interface FakeDingTalkOptions {
  clientId?: string;
  clientSecret?: string;
}

/**
 * A local DingTalk on 127.0.0.1: the Stream gateway (`POST /v1.0/gateway/connections/open`, then a
 * WebSocket with JSON frames and acks), sessionWebhooks (`/robot/sendBySession?session=…`), the
 * OpenAPI token (`POST /v1.0/oauth2/accessToken`) and robot sends (group and one-to-one). It
 * records everything, refuses payloads the real one would refuse, and can re-push frames.
 */
export class FakeDingTalk {
  readonly clientId: string;
  readonly clientSecret: string;
  port = 0;
  gatewayOpens: Record<string, any>[] = [];
  /** Every frame pushed, by messageId (a re-push keeps the same id). */
  pushed = new Map<string, DownFrame>();
  /** Replies to frames (acks of callbacks, answers to pings), in arrival order. */
  upFrames: UpFrame[] = [];
  webhookPosts: WebhookPost[] = [];
  robotPosts: RobotPost[] = [];
  /** Payloads refused with the reason (bad shape, bad token). */
  rejected: { where: string; errors: string[] }[] = [];
  tokenRequests = 0;
  /** Staff ids that cannot receive a one-to-one robot message (answered in invalidStaffIdList). */
  invalidStaff = new Set<string>();
  private tokens = new Set<string>();
  private tickets = new Set<string>();
  private expiredSessions = new Set<string>();
  private failNexts = new Map<string, FailNext[]>();
  private socket?: WebSocket;
  private readonly waits = new Waiter("FakeDingTalk");
  /** Resolves once `pred` over the recorded traffic holds (see {@link Waiter}). */
  readonly waitFor: Waiter["waitFor"] = (pred, timeoutMs) => this.waits.waitFor(pred, timeoutMs);
  private readonly notify = () => this.waits.notify();
  private server = http.createServer((req, res) => void this.handle(req, res));
  private wss = new WebSocketServer({ noServer: true });

  constructor(options: FakeDingTalkOptions = {}) {
    this.clientId = options.clientId ?? "dingappkey0001";
    this.clientSecret = options.clientSecret ?? "fake-dingtalk-secret-0001";
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  get socketConnected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }
  /** A sessionWebhook URL for one conversation; `expired` makes it answer as an expired session. */
  sessionWebhook(id: string, options: { expired?: boolean } = {}): string {
    if (options.expired) this.expiredSessions.add(id);
    return `${this.apiUrl}/robot/sendBySession?session=${encodeURIComponent(id)}`;
  }
  repliesTo(session: string): WebhookPost[] {
    return this.webhookPosts.filter((p) => p.session === session);
  }
  acksOf(messageId: string): UpFrame[] {
    return this.upFrames.filter((f) => f.headers.messageId === messageId);
  }
  failNext(path: string, answer: FailNext): void {
    this.failNexts.set(path, [...(this.failNexts.get(path) ?? []), answer]);
  }
  /** Every access token issued so far stops working (the next robot send answers 401). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  async start(): Promise<this> {
    acceptWithTicket(this.server, this.wss, "/connect", this.tickets, "HTTP/1.1 401 Unauthorized\r\n\r\n", (ws) => this.accept(ws));
    this.port = await listenLocally(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeLocally(this.server, this.wss);
  }

  /** Pushes a CALLBACK frame on `topic`; returns its messageId. */
  push(topic: string, payload: unknown, type: DownFrame["type"] = "CALLBACK"): string {
    const messageId = `${type === "SYSTEM" ? "sys" : "cb"}-${crypto.randomUUID()}`;
    const frame: DownFrame = {
      specVersion: "1.0",
      type,
      headers: { appId: this.clientId, connectionId: "conn-1", contentType: "application/json", messageId, time: String(Date.now()), topic },
      data: JSON.stringify(payload),
    };
    this.pushed.set(messageId, frame);
    this.send(frame);
    return messageId;
  }

  /** Pushes a robot text message (a DM unless `conversationType: "2"`); returns the frame id and payload. */
  pushRobotMessage(o: Omit<RobotMessageOptions, "sessionWebhook" | "robotCode"> & { session?: string }): { messageId: string; payload: Record<string, any> } {
    const session = o.session ?? `s-${crypto.randomUUID()}`;
    const payload = robotTextMessage({ ...o, sessionWebhook: this.sessionWebhook(session), robotCode: this.clientId });
    return { messageId: this.push(ROBOT_TOPIC, payload), payload };
  }

  /** Pushes a frame again with the same messageId (as DingTalk does when no ack came in time). */
  repush(messageId: string): void {
    const frame = this.pushed.get(messageId);
    if (!frame) throw new Error(`no frame ${messageId}`);
    this.send({ ...frame, headers: { ...frame.headers, time: String(Date.now()) } });
  }

  /** Re-pushes every callback nobody acknowledged; returns their ids. */
  redeliverUnacked(): string[] {
    const ids = [...this.pushed.entries()].filter(([id, f]) => f.type === "CALLBACK" && !this.acksOf(id).length).map(([id]) => id);
    for (const id of ids) this.repush(id);
    return ids;
  }

  /** Sends text as it is (a malformed frame). */
  sendRaw(text: string): void {
    this.socket?.send(text);
  }

  /** A SYSTEM ping; the client must echo it back with code 200. */
  ping(): string {
    return this.push("ping", { opaque: crypto.randomUUID() }, "SYSTEM");
  }

  /** Tells the client the connection is going away, then closes it (the client must reconnect). */
  dropConnection(): void {
    this.push("disconnect", { reason: "server restart" }, "SYSTEM");
    this.socket?.close(1000);
  }


  private send(frame: DownFrame): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) throw new Error("no stream client connected");
    this.socket.send(JSON.stringify(frame));
  }

  private accept(ws: WebSocket): void {
    this.socket = ws;
    ws.on("message", (raw) => {
      this.upFrames.push(JSON.parse(String(raw)) as UpFrame);
      this.notify();
    });
    ws.on("close", () => this.notify());
    this.notify();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://x");
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
      this.notify();
    };
    let body: Record<string, any>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    } catch {
      return answer(400, { code: "InvalidParameter", message: "body is not JSON" });
    }
    const queue = this.failNexts.get(url.pathname) ?? [];
    const fail = queue[0] && (queue[0].skip ?? 0) > 0 ? (queue[0].skip!--, undefined) : queue.shift();
    if (fail && !fail.commit) return answer(fail.status, fail.body ?? { code: "ServiceUnavailable", message: "injected" }, fail.headers);
    const done = (status: number, ok: unknown) => (fail ? answer(fail.status, fail.body ?? { code: "ServiceUnavailable", message: "injected" }, fail.headers) : answer(status, ok));

    if (req.method !== "POST") return answer(405, { code: "MethodNotAllowed" });
    switch (url.pathname) {
      case "/v1.0/gateway/connections/open": {
        this.gatewayOpens.push(body);
        if (body.clientId !== this.clientId || body.clientSecret !== this.clientSecret) return answer(401, { code: "Unauthorized", message: "clientId or clientSecret is wrong" });
        if (!Array.isArray(body.subscriptions) || !body.subscriptions.length) return answer(400, { code: "InvalidParameter", message: "subscriptions required" });
        const ticket = crypto.randomUUID();
        this.tickets.add(ticket);
        return done(200, { endpoint: `ws://127.0.0.1:${this.port}/connect`, ticket });
      }
      case "/v1.0/oauth2/accessToken": {
        this.tokenRequests++;
        if (body.appKey !== this.clientId || body.appSecret !== this.clientSecret) return answer(400, { code: "invalidClientIdOrSecret", message: "无效的clientId或者clientSecret" });
        const token = `fake-access-${crypto.randomUUID()}`;
        this.tokens.add(token);
        return done(200, { accessToken: token, expireIn: 7200 });
      }
      case "/robot/sendBySession": {
        const session = url.searchParams.get("session") ?? "";
        if (this.expiredSessions.has(session)) return answer(200, { errcode: 300001, errmsg: "session expired" });
        const errors = sessionReplyErrors(body);
        if (errors.length) {
          this.rejected.push({ where: "sessionWebhook", errors });
          return answer(200, { errcode: 40035, errmsg: errors.join("; ") });
        }
        this.webhookPosts.push({ session, body });
        return done(200, { errcode: 0, errmsg: "ok" });
      }
      case "/v1.0/robot/groupMessages/send":
      case "/v1.0/robot/oToMessages/batchSend": {
        const token = String(req.headers["x-acs-dingtalk-access-token"] ?? "");
        if (!this.tokens.has(token)) return answer(401, { code: "InvalidAuthentication", message: "不合法的access_token" });
        const group = url.pathname.endsWith("/send");
        const { errors, param } = robotSendErrors(body, { group, robotCode: this.clientId });
        if (errors.length) {
          this.rejected.push({ where: url.pathname, errors });
          return answer(400, { code: "InvalidParameter", message: errors.join("; ") });
        }
        const invalid = group ? [] : (body.userIds as string[]).filter((u) => this.invalidStaff.has(u));
        if (!group && invalid.length === body.userIds.length) return done(200, { processQueryKey: "", invalidStaffIdList: invalid, flowControlledStaffIdList: [] });
        this.robotPosts.push({ path: url.pathname, token, body, param });
        const processQueryKey = crypto.randomUUID();
        return done(200, group ? { processQueryKey } : { processQueryKey, invalidStaffIdList: invalid, flowControlledStaffIdList: [] });
      }
      default:
        return answer(404, { code: "NotFound", message: `no route ${url.pathname}` });
    }
  }
}
