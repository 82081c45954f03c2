import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import { postJson } from "./http.ts";

export { TOPIC_ROBOT };
export type { DWClientDownStream };

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** `DINGTALK_API_URL`: the base of the gateway-open call (the SDK hard-codes api.dingtalk.com). */
  apiUrl: string;
  /** Per-request timeout of the gateway-open call. */
  timeoutMs?: number;
}

/**
 * The SDK's stream client with two changes: the gateway-open call goes to `apiUrl` (the SDK
 * hard-codes `https://api.dingtalk.com/v1.0/gateway/connections/open` inside `getEndpoint`, the
 * method overridden here), and once `close()` was called no reconnect timer left by the SDK can
 * open a new connection (its `connect()` clears the "user disconnected" flag).
 *
 * Not used: the SDK's `keepAlive` (its heartbeat interval is not cleared on an automatic
 * reconnect, so two intervals end up terminating a healthy socket); the gateway pings instead.
 */
export class StreamClient extends DWClient {
  private closed = false;
  private readonly apiUrl: string;
  private readonly timeoutMs: number;
  /** Failures of the gateway-open call, for the adapter's log (the SDK swallows them and retries). */
  onGatewayError: (err: Error) => void = () => undefined;
  /** A frame the SDK could not read (ignored). */
  onFrameError: (err: Error) => void = () => undefined;

  constructor(options: StreamClientOptions) {
    super({ clientId: options.clientId, clientSecret: options.clientSecret, keepAlive: false, debug: false });
    this.apiUrl = options.apiUrl.replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  override async getEndpoint(): Promise<this> {
    const { clientId, clientSecret, ua, subscriptions } = this.config;
    try {
      const res = await postJson(`${this.apiUrl}/v1.0/gateway/connections/open`, { clientId, clientSecret, ua, subscriptions }, {}, this.timeoutMs);
      let body: { endpoint?: string; ticket?: string; code?: string; message?: string } = {};
      try {
        body = JSON.parse(res.text) as typeof body;
      } catch {
        // not JSON: reported below with the status
      }
      if (res.status !== 200 || !body.endpoint || !body.ticket) {
        throw new Error(`DingTalk gateway answered HTTP ${res.status}${body.code ? ` ${body.code}` : ""}${body.message ? `: ${body.message}` : ""}`);
      }
      // The SDK reads its (private) dw_url when it opens the socket.
      (this as unknown as { dw_url: string }).dw_url = `${body.endpoint}?ticket=${encodeURIComponent(body.ticket)}`;
      return this;
    } catch (err) {
      this.onGatewayError(err as Error);
      throw err;
    }
  }

  /** A frame that is not JSON would throw inside the SDK's socket handler (and end the process). */
  override onDownStream(data: string): void {
    try {
      super.onDownStream(data);
    } catch (err) {
      this.onFrameError(err as Error);
    }
  }

  override async connect(): Promise<void> {
    if (this.closed) return;
    return super.connect();
  }

  /** Disconnects for good: no automatic reconnect afterwards. */
  close(): void {
    this.closed = true;
    this.disconnect();
  }
}
