import crypto from "node:crypto";
import http from "node:http";
import { WebSocket, WebSocketServer } from "ws";
import { decodeFrame, encodeFrame, header, METHOD, type Frame } from "./frame.ts";
import { BOT_NAME, BOT_OPEN_ID, cardActionEvent, menuEvent, messageEvent, recallEvent, type MessageOptions } from "./payloads.ts";
import { imApi } from "./im-api.ts";
import { acceptWithTicket, closeLocally, listenLocally } from "../local-server.ts";
import { Waiter } from "../waiter.ts";

/** The least time a wait for expected traffic is given before it counts as a hang. */
export { WAIT_FLOOR_MS } from "../waiter.ts";

/** A message in a chat, as the fake keeps it (the bot's and the people's). */
export interface StoredMessage {
  message_id: string;
  chat_id: string;
  msg_type: string;
  /** The content JSON string as last set (a patch replaces it). */
  content: string;
  sender: { id: string; id_type: "app_id" | "open_id"; sender_type: "app" | "user" };
  /** What it replies to. */
  parent_id?: string;
  uuid?: string;
  create_time: number;
  /** Earlier contents, oldest first (each in-place update pushes the previous one). */
  history: string[];
}

/** An ephemeral card: in a group, seen by one person only. */
export interface EphemeralCard {
  message_id: string;
  chat_id: string;
  open_id: string;
  card: any;
}

/** What the client sent back for a pushed frame: its status code and the handler's answer. */
export interface Ack {
  messageId: string;
  code: number;
  /** The handler's return value (base64 JSON in the frame), decoded; for a card click, the callback response. */
  data?: unknown;
  headers: Record<string, string>;
}

/** A one-off answer for the next request to a path: a status and body; `commit` does the work first. */
export interface FailNext {
  status: number;
  body?: Record<string, unknown>;
  /** Do the work, then answer with the failure (the client cannot tell it happened). */
  commit?: boolean;
  skip?: number;
}

export interface FakeFeishuOptions {
  appId?: string;
  appSecret?: string;
}

const CLIENT_CONFIG = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 };
const SERVICE_ID = 33554678;

/**
 * A local Feishu open platform on 127.0.0.1: the tenant access token, the bot's info, the long
 * connection (endpoint discovery `POST /callback/ws/endpoint`, then a WebSocket speaking the SDK's
 * protobuf frames: pings answered with pongs, events pushed as data frames and acknowledged by
 * the client), and the IM APIs (im-api.ts: send, reply, in-place card update, ephemeral cards,
 * chat history, user names). It records everything, refuses what the real one would refuse, drops a repeated
 * send with the same `uuid`, and can deliver an event twice.
 */
export class FakeFeishu {
  readonly appId: string;
  readonly appSecret: string;
  readonly botOpenId = BOT_OPEN_ID;
  port = 0;
  endpointRequests: Record<string, any>[] = [];
  tokenRequests = 0;
  /** Every message, by id. */
  messages = new Map<string, StoredMessage>();
  ephemerals: EphemeralCard[] = [];
  /** In-place updates, in order. */
  patches: { message_id: string; card: any }[] = [];
  /** Frames pushed, by the frame's message_id (a redelivery keeps it). */
  pushed = new Map<string, { frames: Frame[]; event: Record<string, any> }>();
  acks: Ack[] = [];
  pings = 0;
  rejected: { where: string; errors: string[] }[] = [];
  /** open_ids that cannot receive a one-to-one message from the bot. */
  unreachable = new Set<string>();
  /** Uploaded files and images, by key. */
  uploads = new Map<string, { name: string; type: string; bytes: Buffer }>();
  /** Uploads are refused as the app lacking `im:resource`. */
  refuseUploads = false;
  /** Names the contact API answers with (others: no permission). */
  names = new Map<string, string>();
  private tokens = new Set<string>();
  private tickets = new Set<string>();
  private failNexts = new Map<string, FailNext[]>();
  private socket?: WebSocket;
  private socketPinged = false;
  private readonly waits = new Waiter("FakeFeishu");
  /** Resolves once `pred` over the recorded traffic holds (see {@link Waiter}). */
  readonly waitFor: Waiter["waitFor"] = (pred, timeoutMs) => this.waits.waitFor(pred, timeoutMs);
  private readonly notify = () => this.waits.notify();
  private server = http.createServer((req, res) => void this.handle(req, res));
  private wss = new WebSocketServer({ noServer: true });

  constructor(options: FakeFeishuOptions = {}) {
    this.appId = options.appId ?? "cli_a1b2c3d4e5f60718";
    this.appSecret = options.appSecret ?? "fake-feishu-secret-0001";
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /**
   * A client is connected and listening. The SDK sends its first ping when the socket opens and
   * attaches its frame handler just after, so frames pushed before that ping arrives could reach
   * a socket nobody reads yet (the real Feishu would deliver them again, unacknowledged).
   */
  get socketConnected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN && this.socketPinged;
  }
  /** The one-to-one chat of a person with the bot. */
  p2pChat(openId: string): string {
    return `oc_p2p${openId.slice(3)}`;
  }
  /** The bot's messages in a chat, oldest first. */
  botMessages(chatId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.chat_id === chatId && m.sender.sender_type === "app");
  }
  /** The bot's replies to one message. */
  repliesTo(messageId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.parent_id === messageId && m.sender.sender_type === "app");
  }
  acksOf(frameId: string): Ack[] {
    return this.acks.filter((a) => a.messageId === frameId);
  }
  failNext(path: string, answer: FailNext): void {
    this.failNexts.set(path, [...(this.failNexts.get(path) ?? []), answer]);
  }

  async start(): Promise<this> {
    acceptWithTicket(this.server, this.wss, "/ws", this.tickets, "HTTP/1.1 403 Forbidden\r\nhandshake-status: 403\r\n\r\n", (ws) => this.accept(ws));
    this.port = await listenLocally(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeLocally(this.server, this.wss);
  }

  /**
   * Pushes an event envelope as data frames (split into `fragments` frames, which the SDK
   * reassembles by message_id, sum and seq); returns the frame message id.
   */
  push(event: Record<string, any>, fragments = 1): string {
    const frameId = `msg_${crypto.randomUUID()}`;
    const bytes = new TextEncoder().encode(JSON.stringify(event));
    const size = Math.ceil(bytes.length / fragments);
    const traceId = crypto.randomUUID();
    const frames: Frame[] = Array.from({ length: fragments }, (_, i) => ({
      SeqID: 0,
      LogID: 0,
      service: SERVICE_ID,
      method: METHOD.data,
      headers: [
        { key: "type", value: "event" },
        { key: "message_id", value: frameId },
        { key: "sum", value: String(fragments) },
        { key: "seq", value: String(i) },
        { key: "trace_id", value: traceId },
      ],
      payload: bytes.subarray(i * size, (i + 1) * size),
    }));
    this.pushed.set(frameId, { frames, event });
    for (const f of frames) this.send(f);
    return frameId;
  }

  /** Delivers a pushed event again, same frames and ids (as Feishu does without a timely ack). */
  redeliver(frameId: string): void {
    const p = this.pushed.get(frameId);
    if (!p) throw new Error(`no frame ${frameId}`);
    for (const f of p.frames) this.send(f);
  }

  /** A person's message to the bot; stored in the chat; returns the frame id and message id. */
  pushMessage(o: Omit<MessageOptions, "chatId"> & { chatId?: string }, fragments = 1): { frameId: string; messageId: string } {
    const chatId = o.chatId ?? this.p2pChat(o.sender);
    const event = messageEvent(this.appId, { ...o, chatId });
    const m = event.event.message;
    this.messages.set(m.message_id, { message_id: m.message_id, chat_id: chatId, msg_type: m.message_type, content: m.content, sender: { id: o.sender, id_type: "open_id", sender_type: "user" }, create_time: Date.now(), history: [] });
    return { frameId: this.push(event, fragments), messageId: m.message_id };
  }

  /** The sender withdraws a message: it leaves the chat and Feishu tells the bot; returns the frame id. */
  recall(messageId: string): string {
    const m = this.messages.get(messageId);
    if (!m) throw new Error(`no message ${messageId}`);
    this.messages.delete(messageId);
    return this.push(recallEvent(this.appId, { messageId, chatId: m.chat_id }));
  }

  /** A person sends a file (a file message; its bytes served by the resources API). */
  pushFile(o: { sender: string; name: string; bytes: Uint8Array; chatType?: "p2p" | "group"; chatId?: string }): { frameId: string; messageId: string } {
    const key = `file_v3_${crypto.randomUUID().replace(/-/g, "")}`;
    this.uploads.set(key, { name: o.name, type: "stream", bytes: Buffer.from(o.bytes) });
    return this.pushMessage({ text: "", sender: o.sender, ...(o.chatType ? { chatType: o.chatType } : {}), ...(o.chatId ? { chatId: o.chatId } : {}), file: { key, name: o.name } });
  }

  pushMenu(o: { operator: string; name?: string; eventKey: string }): string {
    return this.push(menuEvent(this.appId, o));
  }

  /** The buttons of a card message (as currently shown), with their values. */
  buttons(messageId: string): { label: string; value: any }[] {
    const m = this.messages.get(messageId);
    if (!m || m.msg_type !== "interactive") return [];
    const card = JSON.parse(m.content);
    return (card.elements ?? []).flatMap((e: any) => (e.tag === "action" ? e.actions.map((a: any) => ({ label: a.text.content, value: a.value })) : []));
  }

  /** A person clicks the button labelled `label` on a card; returns the frame id. */
  click(messageId: string, label: string, operator: string): string {
    const button = this.buttons(messageId).find((b) => b.label === label);
    if (!button) throw new Error(`no button ${label} on ${messageId}`);
    return this.push(cardActionEvent(this.appId, { operator, value: button.value, messageId, chatId: this.messages.get(messageId)!.chat_id }));
  }

  /** Every tenant access token issued so far stops working (the next call answers 99991663). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  /** Closes the long connection from the server side (the client must reconnect). */
  dropConnection(): void {
    this.socketPinged = false;
    this.socket?.close(1001);
  }

  /** Sends bytes as they are (a malformed frame). */
  sendRaw(bytes: Uint8Array): void {
    this.socket?.send(bytes);
  }


  private send(frame: Frame): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) throw new Error("no long connection open");
    this.socket.send(encodeFrame(frame));
  }

  private accept(ws: WebSocket): void {
    this.socket = ws;
    this.socketPinged = false;
    ws.on("message", (raw: Buffer) => {
      let frame: Frame;
      try {
        frame = decodeFrame(new Uint8Array(raw));
      } catch (err) {
        this.rejected.push({ where: "ws", errors: [(err as Error).message] });
        return;
      }
      const headers = Object.fromEntries(frame.headers.map((h) => [h.key, h.value]));
      if (frame.method === METHOD.control && headers.type === "ping") {
        this.pings++;
        if (ws === this.socket) this.socketPinged = true;
        this.send({ SeqID: 0, LogID: 0, service: frame.service, method: METHOD.control, headers: [{ key: "type", value: "pong" }], payload: new TextEncoder().encode(JSON.stringify(CLIENT_CONFIG)) });
      } else if (frame.method === METHOD.data) {
        // The acknowledgement: the pushed frame sent back with its headers (plus biz_rt) and a JSON payload.
        const body = JSON.parse(new TextDecoder().decode(frame.payload ?? new Uint8Array())) as { code: number; data?: string };
        const frameId = header(frame, "message_id") ?? "";
        this.acks.push({ messageId: frameId, code: body.code, headers, ...(body.data ? { data: JSON.parse(Buffer.from(body.data, "base64").toString("utf8")) } : {}) });
        // A card click must be answered with a callback response (at least `{}`), or the clicker sees an error.
        if (this.pushed.get(frameId)?.event.header?.event_type === "card.action.trigger" && (body.code !== 200 || !body.data)) {
          this.rejected.push({ where: "card.action.trigger ack", errors: [`code ${body.code}, ${body.data ? "a response" : "no callback response"}: the clicker sees error 200340`] });
        }
      }
      this.notify();
    });
    ws.on("close", () => this.notify());
    this.notify();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? "/", "http://x");
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
      this.notify();
    };
    let body: Record<string, any> = {};
    let form: FormData | undefined;
    try {
      if (String(req.headers["content-type"] ?? "").startsWith("multipart/form-data")) form = await new Response(Buffer.concat(chunks), { headers: { "content-type": String(req.headers["content-type"]) } }).formData();
      else body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : {};
    } catch {
      return answer(400, { code: 9499, msg: "body is not JSON or multipart" });
    }
    const route = url.pathname.replace(/\/om_[^/]+/, "/:message_id");
    const queue = this.failNexts.get(route) ?? [];
    const fail = queue[0] && (queue[0].skip ?? 0) > 0 ? (queue[0].skip!--, undefined) : queue.shift();
    if (fail && !fail.commit) return answer(fail.status, fail.body ?? { code: 1000, msg: "injected" });
    const ok = (data: unknown) => (fail ? answer(fail.status, fail.body ?? { code: 1000, msg: "injected" }) : answer(200, { code: 0, msg: "success", data }));
    const refuse = (where: string, errors: string[], code = 230001) => {
      this.rejected.push({ where, errors });
      return answer(400, { code, msg: errors.join("; ") });
    };

    if (route === "/auth/v3/tenant_access_token/internal" || route === "/open-apis/auth/v3/tenant_access_token/internal") {
      this.tokenRequests++;
      if (body.app_id !== this.appId) return answer(400, { code: 10003, msg: "invalid param: app_id" });
      if (body.app_secret !== this.appSecret) return answer(400, { code: 10014, msg: "app secret invalid" });
      const token = `t-fake${crypto.randomUUID().replace(/-/g, "")}`;
      this.tokens.add(token);
      return answer(200, { code: 0, msg: "ok", tenant_access_token: token, expire: 7200 });
    }
    if (route === "/callback/ws/endpoint") {
      this.endpointRequests.push(body);
      if (body.AppID !== this.appId || body.AppSecret !== this.appSecret) return answer(200, { code: 514, msg: "auth failed: app id or secret is wrong", data: {} });
      const ticket = crypto.randomUUID();
      this.tickets.add(ticket);
      return answer(200, { code: 0, msg: "ok", data: { URL: `ws://127.0.0.1:${this.port}/ws?fpid=493&aid=552564&device_id=7300000000000000001&access_key=fakeaccesskey&service_id=${SERVICE_ID}&ticket=${ticket}`, ClientConfig: CLIENT_CONFIG } });
    }

    const auth = String(req.headers.authorization ?? "");
    if (!this.tokens.has(auth.replace(/^Bearer /, ""))) return answer(401, { code: 99991663, msg: "Invalid access token for authorization. Please make a request with token attached." });

    if (req.method === "GET" && route === "/open-apis/bot/v3/info") return answer(200, { code: 0, msg: "ok", bot: { activate_status: 2, app_name: BOT_NAME, avatar_url: "", ip_white_list: [], open_id: BOT_OPEN_ID } });

    return imApi(this, { req, res, url, route, body, form, answer, ok, refuse, notify: () => this.notify() });
  }
}
