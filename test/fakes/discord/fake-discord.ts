import http from "node:http";
import { parseMultipart } from "../multipart.ts";
import { WebSocketServer, type WebSocket } from "ws";
import { APP_ID, BOT, dmChannelIdFor, guildCreate } from "./payloads.ts";
import { closeLocally, listenLocally } from "../local-server.ts";
import { Waiter } from "../waiter.ts";

/** The least time a wait for expected traffic is given before it counts as a hang. */
export { WAIT_FLOOR_MS } from "../waiter.ts";

export interface RestCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  auth?: string;
}

/** A one-off REST answer: an error status with Discord's JSON body (and headers such as Retry-After). */
export interface FailNext {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Do what the call asks (e.g. create the message), then answer with the failure anyway. */
  commit?: boolean;
}

/** How long Discord remembers an enforced nonce (documented as "a few minutes"). */
const NONCE_WINDOW_MS = 5 * 60_000;

/**
 * A local Discord: REST under /api/v10 and an uncompressed JSON gateway under /gateway, enough
 * for discord.js 14 to log in, receive dispatches, answer interactions, send messages and
 * (re)register application commands. Every REST call is recorded for assertions.
 */
export class FakeDiscord {
  readonly rest: RestCall[] = [];
  readonly identifies: any[] = [];
  readonly resumes: any[] = [];
  /** Registered commands per scope: "global" or a guild id. */
  readonly commands = new Map<string, any[]>();
  /** Intent bits the "developer portal" has not enabled: IDENTIFY with any of them closes with 4014. */
  disallowedIntents = 0;
  guilds = [guildCreate()];
  /** REST paths answered with 400 "already acknowledged", as Discord does for a second answer. */
  rejectPaths: RegExp[] = [];
  /** When set, REST calls with another bot token get 401 (as a revoked token would). */
  validToken?: string;
  /** Messages created through REST, per channel, oldest first (GET /channels/:id/messages reads them). */
  readonly messages = new Map<string, any[]>();
  /** Interaction follow-ups created (POST /webhooks/:app/:token), per interaction token, oldest first. */
  readonly followUps = new Map<string, any[]>();
  /** Users whose DMs are closed: sending to their DM channel answers 50007. */
  readonly closedDms = new Set<string>();
  /** Files attached to messages, by attachment id, served at their CDN-like URL on this fake. */
  readonly attachments = new Map<string, { name: string; bytes: Buffer; contentType: string; expired: boolean }>();
  /** Every request for an attachment's bytes (path). */
  readonly downloads: string[] = [];
  private failNexts: Array<{ method: string; path: RegExp; answer: FailNext; after: number }> = [];
  private nonces = new Map<string, { message: any; at: number }>();
  /** Interactions answered: Discord refuses a second callback with 40060. */
  private answered = new Set<string>();
  port = 0;
  private seq = 0;
  private nextId = 900000000000000000n;
  private socket?: WebSocket;
  private readonly waits = new Waiter("FakeDiscord");
  /** Resolves once `pred` over the recorded traffic holds (see {@link Waiter}). */
  readonly waitFor: Waiter["waitFor"] = (pred, timeoutMs) => this.waits.waitFor(pred, timeoutMs);
  private readonly notify = () => this.waits.notify();
  private readonly server = http.createServer((q, s) => void this.handle(q, s));
  private readonly wss = new WebSocketServer({ server: this.server, path: "/gateway" });

  /** What the adapter takes as DISCORD_API_URL. */
  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    this.wss.on("connection", (ws) => this.connected(ws));
    this.port = await listenLocally(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeLocally(this.server, this.wss, (c) => c.terminate());
  }

  /** Sends a gateway dispatch (op 0) to the connected client. */
  dispatch(t: string, d: unknown): void {
    if (!this.socket) throw new Error("FakeDiscord: no gateway connection");
    this.socket.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
  }

  /** Closes the gateway connection with a resumable code; discord.js should RESUME. */
  dropConnection(code = 4000): void {
    this.socket?.close(code, "fake drop");
  }

  snowflake(): string {
    return String(this.nextId++);
  }

  /**
   * A later REST call matching `method` and `path` gets this answer instead: the next one, or the
   * one after `after` matching calls that succeed. Each answer is used once.
   */
  failNext(method: string, path: RegExp, answer: FailNext, options: { after?: number } = {}): void {
    this.failNexts.push({ method, path, answer, after: options.after ?? 0 });
  }

  /**
   * Hosts a file as if a user had attached it; returns the attachment object a MESSAGE_CREATE
   * carries (its `url` on this fake, signed like Discord's CDN links).
   */
  hostAttachment(channelId: string, name: string, bytes: Buffer | string, contentType = "application/octet-stream"): Record<string, unknown> {
    const id = this.snowflake();
    const body = Buffer.from(bytes);
    this.attachments.set(id, { name, bytes: body, contentType, expired: false });
    const url = `http://127.0.0.1:${this.port}/attachments/${channelId}/${id}/${encodeURIComponent(name)}?ex=6790c0de&is=678f6f5e&hm=fake`;
    return { id, filename: name, size: body.length, url, proxy_url: url.replace("/attachments/", "/media-proxy/attachments/"), content_type: contentType };
  }

  /** The attachment's link no longer works (Discord's CDN links expire after about a day). */
  expireAttachment(id: string): void {
    const a = this.attachments.get(id);
    if (a) a.expired = true;
  }

  /** Forgets every stored message and the nonces seen (between tests). */
  clearMessages(): void {
    this.messages.clear();
    this.followUps.clear();
    this.nonces.clear();
  }

  /** Adds a message to a channel as if sent earlier (`author` defaults to the bot). */
  seedMessage(channelId: string, b: any, author: any = BOT): any {
    const stored = { ...this.message(channelId, b), author };
    this.messages.set(channelId, [...(this.messages.get(channelId) ?? []), stored]);
    return stored;
  }

  /** Files sent by the bot as attachments (multipart `files[n]` parts), with the REST call they came with. */
  uploads: { method: string; path: string; filename: string; contentType: string; bytes: Buffer }[] = [];

  calls(method: string, pattern: RegExp): RestCall[] {
    return this.rest.filter((c) => c.method === method && pattern.test(c.path));
  }


  private connected(ws: WebSocket): void {
    this.socket = ws;
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 45000 }, s: null, t: null }));
    ws.on("message", (raw) => {
      const p = JSON.parse(String(raw));
      if (p.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (p.op === 2) this.identified(ws, p.d);
      if (p.op === 6) {
        this.resumes.push(p.d);
        this.dispatch("RESUMED", {});
      }
      this.notify();
    });
  }

  private identified(ws: WebSocket, d: any): void {
    this.identifies.push(d);
    if (Number(d.intents) & this.disallowedIntents) return void ws.close(4014, "Disallowed intent(s).");
    this.dispatch("READY", {
      v: 10,
      session_id: `fake-session-${this.identifies.length}`,
      shard: [0, 1],
      guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      user: BOT,
      application: { id: APP_ID, flags: 0 },
    });
    for (const g of this.guilds) this.dispatch("GUILD_CREATE", g);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    const raw = bytes.toString();
    const url = new URL(req.url!, "http://x");
    if (req.method === "GET" && url.pathname.startsWith("/attachments/")) {
      // The CDN: no token needed; an expired link answers 404 as Discord's does.
      this.downloads.push(url.pathname);
      this.notify();
      const a = this.attachments.get(url.pathname.split("/")[3] ?? "");
      if (!a || a.expired) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("This content is no longer available.");
        return;
      }
      res.writeHead(200, { "content-type": a.contentType, "content-length": String(a.bytes.length) });
      res.end(a.bytes);
      return;
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    // Messages with attachments arrive as multipart/form-data: payload_json and files[n] parts.
    const form = parseMultipart(req.headers["content-type"], bytes);
    const payload = form?.find((p) => p.name === "payload_json");
    const body = form
      ? payload
        ? JSON.parse(payload.data.toString("utf8"))
        : {}
      : raw && String(req.headers["content-type"]).startsWith("application/json")
        ? JSON.parse(raw)
        : raw;
    for (const f of form ?? []) {
      if (/^files\[\d+\]$/.test(f.name)) this.uploads.push({ method: req.method!, path, filename: f.filename ?? "", contentType: f.contentType ?? "", bytes: f.data });
    }
    const method = req.method!;
    this.rest.push({ method, path, query: url.searchParams, body, auth: req.headers.authorization });
    this.notify();
    const queued = this.failNexts.find((f) => f.method === method && f.path.test(path));
    let forced: FailNext | undefined;
    if (queued && queued.after > 0) queued.after--;
    else if (queued) {
      this.failNexts.splice(this.failNexts.indexOf(queued), 1);
      forced = queued.answer;
    }
    const json = (code: number, b: unknown) => {
      if (forced) {
        res.writeHead(forced.status, { "content-type": "application/json", ...forced.headers });
        res.end(JSON.stringify(forced.body ?? { message: "fake failure", code: 0 }));
        return;
      }
      res.writeHead(code, { "content-type": "application/json" });
      res.end(JSON.stringify(b));
    };
    if (forced && !forced.commit) return json(0, null);
    const empty = () => {
      res.writeHead(204);
      res.end();
    };
    let m: RegExpMatchArray | null;
    if (this.validToken && req.headers.authorization && req.headers.authorization !== `Bot ${this.validToken}`) {
      return json(401, { message: "401: Unauthorized", code: 0 });
    }
    if (this.rejectPaths.some((r) => r.test(path))) {
      return json(400, { message: "Interaction has already been acknowledged.", code: 40060 });
    }
    if (method === "GET" && path === "/gateway/bot") {
      return json(200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
      });
    }
    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const scope = m[2] ?? "global";
      if (method === "GET") return json(200, (this.commands.get(scope) ?? []).map((c) => asReturned(c, url.searchParams)));
      if (method === "PUT") {
        const stored = (body as any[]).map((c) => this.stored(c, m![1]!, m![2]));
        this.commands.set(scope, stored);
        return json(200, stored);
      }
    }
    if (method === "POST" && (m = path.match(/^\/interactions\/(\d+)\/[^/]+\/callback$/))) {
      if (this.answered.has(m[1]!)) return json(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      this.answered.add(m[1]!);
      if (forced) return json(0, null);
      return empty();
    }
    if ((m = path.match(/^\/webhooks\/\d+\/[^/]+\/messages\/(@original|\d+)$/))) {
      if (method === "DELETE") return empty();
      return json(200, this.message("0", body));
    }
    if (method === "POST" && (m = path.match(/^\/webhooks\/\d+\/([^/]+)$/))) {
      const created = this.message("0", body);
      this.followUps.set(m[1]!, [...(this.followUps.get(m[1]!) ?? []), created]);
      return json(200, created);
    }
    if (method === "POST" && (m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      const channelId = m[1]!;
      if ([...this.closedDms].some((u) => dmChannelIdFor(u) === channelId)) return json(403, { message: "Cannot send messages to this user", code: 50007 });
      const invalid = embedErrors(body?.embeds ?? []);
      if (invalid) return json(400, { message: "Invalid Form Body", code: 50035, errors: { embeds: { _errors: [{ code: "BASE_TYPE_MAX_LENGTH", message: invalid }] } } });
      return json(200, this.create(channelId, body));
    }
    if (method === "GET" && (m = path.match(/^\/channels\/(\d+)\/messages$/))) {
      const newestFirst = [...(this.messages.get(m[1]!) ?? [])].reverse();
      const before = url.searchParams.get("before");
      const from = before ? newestFirst.findIndex((x) => BigInt(x.id) < BigInt(before)) : 0;
      const limit = Number(url.searchParams.get("limit") ?? 50);
      return json(200, from < 0 ? [] : newestFirst.slice(from, from + limit).map(({ nonce: _, ...rest }) => rest));
    }
    if (method === "POST" && /^\/channels\/\d+\/typing$/.test(path)) return empty();
    if (method === "POST" && path === "/users/@me/channels") {
      const recipient = String(body.recipient_id);
      return json(200, { id: dmChannelIdFor(recipient), type: 1, last_message_id: null, recipients: [{ id: recipient, username: "user", discriminator: "0", global_name: null, avatar: null }] });
    }
    json(404, { message: "Unknown route (fake)", code: 0 });
  }

  private stored(c: any, applicationId: string, guildId?: string) {
    const options = (c.options ?? []).map((o: any) => {
      const out = { ...o };
      if (!out.required) delete out.required;
      if (!out.autocomplete) delete out.autocomplete;
      return out;
    });
    return { id: this.snowflake(), application_id: applicationId, version: this.snowflake(), default_member_permissions: null, nsfw: false,
      integration_types: [0], ...(guildId ? { guild_id: guildId } : {}), ...c, options };
  }

  /** POST /channels/:id/messages: stored; an enforced nonce seen recently returns the earlier message. */
  private create(channelId: string, b: any) {
    const nonceKey = b?.nonce !== undefined && b?.enforce_nonce ? `${channelId}:${b.nonce}` : undefined;
    const seen = nonceKey ? this.nonces.get(nonceKey) : undefined;
    if (seen && Date.now() - seen.at < NONCE_WINDOW_MS) return seen.message;
    const stored = { ...this.message(channelId, b), ...(b?.nonce !== undefined ? { nonce: b.nonce } : {}) };
    this.messages.set(channelId, [...(this.messages.get(channelId) ?? []), stored]);
    if (nonceKey) this.nonces.set(nonceKey, { message: stored, at: Date.now() });
    return stored;
  }

  message(channelId: string, b: any) {
    return { id: this.snowflake(), channel_id: channelId, type: 0, content: b?.content ?? "", embeds: b?.embeds ?? [],
      attachments: (b?.attachments ?? []).map((a: any) => ({ id: this.snowflake(), filename: a.filename, size: 0, url: `http://127.0.0.1:${this.port}/attachments/${channelId}/x/${a.filename}` })), mentions: [], mention_roles: [], pinned: false, mention_everyone: false, tts: false, flags: b?.flags ?? 0,
      timestamp: new Date().toISOString(), edited_timestamp: null, components: b?.components ?? [], author: BOT,
      // A reply says what it answers, as Discord's message objects do.
      ...(b?.message_reference?.message_id ? { message_reference: { type: 0, message_id: b.message_reference.message_id, channel_id: channelId } } : {}) };
  }
}

/** Discord's embed limits (10 embeds, 6,000 characters in all, 4,096 per description, 25 fields): what it refuses. */
function embedErrors(embeds: any[]): string | undefined {
  if (embeds.length > 10) return `${embeds.length} embeds > 10`;
  let total = 0;
  for (const e of embeds) {
    if ((e.description ?? "").length > 4096) return "description > 4096";
    if ((e.fields ?? []).length > 25) return "fields > 25";
    total += (e.title ?? "").length + (e.description ?? "").length + (e.footer?.text ?? "").length + (e.author?.name ?? "").length;
    for (const f of e.fields ?? []) total += f.name.length + f.value.length;
  }
  return total > 6000 ? `embeds total ${total} > 6000` : undefined;
}

/** Discord answers GET without `with_localizations` with only the localised strings for the caller. */
function asReturned(c: any, query: URLSearchParams) {
  if (query.get("with_localizations") === "true") return c;
  const strip = (x: any) => {
    const { description_localizations: _, ...rest } = x;
    return rest;
  };
  return { ...strip(c), options: c.options.map(strip) };
}
