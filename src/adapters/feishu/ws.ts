import { EventDispatcher, LoggerLevel, WSClient } from "@larksuiteoapi/node-sdk";
import type { LogSink } from "../../core/command.ts";

export type EventHandlers = Record<string, (data: any) => Promise<unknown>>;

export interface LongConnectionOptions {
  appId: string;
  appSecret: string;
  /** The open platform's base URL: the SDK asks `{domain}/callback/ws/endpoint` where to connect. */
  domain: string;
  handlers: EventHandlers;
  log: LogSink;
}

/** Connection addresses carry a short-lived ticket and access key: never logged. */
const redact = (s: string) => s.replace(/\b(ticket|access_key|device_id|app_secret|AppSecret)=[^&\s"]+/gi, "$1=…").replace(/(wss?:\/\/[^\s?"]+)\?[^\s"]*/g, "$1?…");

/** The SDK logs through this: its warnings and errors reach Duban's log, redacted, the rest is dropped. */
function sdkLogger(log: LogSink) {
  const line = (args: unknown) => redact((Array.isArray(args) ? args : [args]).map((a) => (a instanceof Error ? a.message : typeof a === "string" ? a : JSON.stringify(a))).join(" ")).slice(0, 500);
  return {
    error: (args: unknown) => log.warn({ sdk: line(args) }, "feishu: long connection error"),
    warn: (args: unknown) => log.warn({ sdk: line(args) }, "feishu: long connection warning"),
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
  };
}

/**
 * The SDK's long connection (`WSClient`): it asks `POST {domain}/callback/ws/endpoint` (app id
 * and secret) for a WebSocket address, connects, pings, reconnects by itself, decodes the
 * protobuf frames, hands each event to the `EventDispatcher` and sends back the acknowledgement
 * frame with the handler's answer (a card action's answer goes back to the clicking user).
 *
 * `start` resolves once connected; it fails when Feishu refuses the app (the SDK gives up), and
 * resolves anyway after `readyWithinMs` while the SDK keeps retrying an unreachable server.
 */
export class LongConnection {
  private readonly client: WSClient;
  private readonly dispatcher: EventDispatcher;
  private ready?: { resolve: () => void; reject: (err: Error) => void };
  connected = false;

  constructor(private readonly o: LongConnectionOptions) {
    const logger = sdkLogger(o.log);
    this.dispatcher = new EventDispatcher({ loggerLevel: LoggerLevel.warn, logger }).register(o.handlers as never);
    this.client = new WSClient({
      appId: o.appId,
      appSecret: o.appSecret,
      domain: o.domain,
      loggerLevel: LoggerLevel.warn,
      logger,
      autoReconnect: true,
      onReady: () => {
        this.connected = true;
        this.ready?.resolve();
      },
      onReconnected: () => {
        this.connected = true;
        o.log.info({}, "feishu: long connection re-established");
      },
      onReconnecting: () => {
        this.connected = false;
        o.log.warn({}, "feishu: long connection lost; reconnecting");
      },
      onError: (err: Error) => {
        this.connected = false;
        if (this.ready) this.ready.reject(new Error(`Feishu long connection refused: ${redact(err.message)}`));
        else o.log.error({ err: redact(err.message) }, "feishu: long connection given up");
      },
    });
  }

  async start(readyWithinMs = 30_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const ready = new Promise<void>((resolve, reject) => {
      this.ready = { resolve, reject };
      timer = setTimeout(() => {
        this.o.log.warn({}, "feishu: long connection not open yet; the SDK keeps retrying");
        resolve();
      }, readyWithinMs);
    });
    try {
      await this.client.start({ eventDispatcher: this.dispatcher });
      await ready;
    } finally {
      clearTimeout(timer);
      this.ready = undefined;
    }
  }

  /** Closes for good: no reconnect afterwards (a start still waiting returns). */
  close(): void {
    this.connected = false;
    this.client.close();
    this.ready?.resolve();
  }
}
