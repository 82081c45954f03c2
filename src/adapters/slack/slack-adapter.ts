import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type webApi } from "@slack/bolt";
import type { LogSink, Services } from "../../core/command.ts";
import type { Dispatcher } from "../../core/dispatcher.ts";
import type { Adapter } from "../contract.ts";
import { createInbound, type Inbound } from "../../core/inbound.ts";
import type { Poster } from "../../scheduler/types.ts";
import { renderForContract } from "./blocks.ts";
import { createSlackPoster } from "./poster.ts";
import { registerSlashCommands } from "./commands.ts";
import { describe, replyClient } from "./deliver.ts";
import { registerHome } from "./home.ts";
import { registerInteractions } from "./interactions.ts";
import { registerMessages } from "./messages.ts";
import { guardedReceiver } from "./receiver.ts";
import { boltLogger, createRuntime } from "./runtime.ts";
import { checkSlackAppToken, checkSlackCredentials } from "./auth-check.ts";
import { ackAfterListeners } from "./ack.ts";

export interface SlackAdapterConfig {
  /** `SLACK_BOT_TOKEN` (xoxb-…), always required. */
  botToken: string;
  /** `SLACK_APP_TOKEN` (xapp-…): when set, Socket Mode (no public URL needed). */
  appToken?: string;
  /** `SLACK_SIGNING_SECRET`: HTTP mode (required when there is no app token). */
  signingSecret?: string;
  /** HTTP mode: the port for `/slack/events` (`PORT`, default 3000; 0 picks a free one). */
  port?: number;
  /** `SLACK_API_URL`: the Web API base URL (tests point it at a local fake). */
  apiUrl?: string;
  /**
   * Web API retries on failure (default: the SDK's, about 10 over 30 minutes). Replies are posted
   * apart: only a rate-limited post is sent again (after Slack's retry-after, at most this many
   * times, default 3); one that failed otherwise may have been posted, so it is not re-sent.
   */
  apiRetries?: number;
  /** Waits between start attempts while Slack cannot be reached (default 1, 2, 4, 8 s). */
  authRetryDelaysMs?: readonly number[];
  services: Services;
  dispatcher: Dispatcher;
  /** The core's inbound path (dedupe, relevance, in-flight); one of its own when not given. */
  inbound?: Inbound;
  logger: LogSink;
}

export interface SlackAdapter extends Adapter {
  /** The Web API client (scheduled posts use its token and base URL). */
  readonly client: webApi.WebClient;
  readonly mode: "socket" | "http";
  /** HTTP mode: the port actually bound, once started. */
  readonly port: number | undefined;
  /** The Bolt app (tests and diagnostics). */
  readonly app: App;
  /** Resolves once every request received so far has been handled (its replies sent or given up). */
  idle(): Promise<void>;
}

/** Rate-limited reply posts are sent again up to this many times unless `apiRetries` says otherwise. */
const DEFAULT_REPLY_RETRIES = 3;

/**
 * The Slack adapter on Bolt: Socket Mode when an app token is given, otherwise the HTTP
 * receiver with request signing on `port`. Every inbound request is stored in the core's inbox
 * (deduped by its event id), then acknowledged, then dispatched; replies are rendered as Block Kit.
 */
export function createSlackAdapter(config: SlackAdapterConfig): SlackAdapter {
  const mode = config.appToken ? "socket" : "http";
  if (mode === "http" && !config.signingSecret) {
    throw new Error("Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) besides SLACK_BOT_TOKEN");
  }
  const log = config.logger;
  const apiUrl = config.apiUrl ? (config.apiUrl.endsWith("/") ? config.apiUrl : `${config.apiUrl}/`) : undefined;
  const app = new App({
    token: config.botToken,
    logger: boltLogger(log),
    deferInitialization: true,
    convoStore: false,
    ...(mode === "socket"
      ? { socketMode: true, appToken: config.appToken }
      : { receiver: guardedReceiver({ signingSecret: config.signingSecret!, port: config.port ?? 3000, logger: boltLogger(log) }, log) }),
    clientOptions: {
      ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
      ...(config.apiRetries !== undefined ? { retryConfig: { retries: config.apiRetries } } : {}),
    },
  });
  const replies = {
    client: replyClient(config.botToken, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), logger: boltLogger(log) }),
    rateLimitRetries: config.apiRetries ?? DEFAULT_REPLY_RETRIES,
  };
  ackAfterListeners(app);
  const inbound = config.inbound ?? createInbound({ dispatcher: config.dispatcher, services: config.services, log });
  const rt = createRuntime(config.dispatcher, config.services, log, replies, inbound);
  registerSlashCommands(app, rt);
  registerMessages(app, rt, { token: config.botToken, ...(apiUrl ? { apiUrl } : {}) });
  registerHome(app, rt);
  registerInteractions(app, rt);
  app.error(async (err) => {
    log.error({ err: describe(err) }, "slack request failed");
  });

  let port: number | undefined;
  let started = false;
  let poster: Poster | undefined;
  return {
    name: "slack",
    mode,
    app,
    client: app.client,
    get poster() {
      return (poster ??= createSlackPoster(app.client, { logger: log }));
    },
    render: renderForContract,
    get port() {
      return port;
    },
    idle: () => rt.idle(),
    async start() {
      // auth.test first: a refused token fails at once, a network failure is retried (and said);
      // in Socket Mode the app-level token the same way, before the socket starts.
      const check = (token: string) => replyClient(token, { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), logger: boltLogger(log) });
      await checkSlackCredentials(check(config.botToken), log, config.authRetryDelaysMs);
      if (config.appToken) await checkSlackAppToken(check(config.appToken), log, config.authRetryDelaysMs);
      await app.init();
      const result = (mode === "http" ? await app.start(config.port ?? 3000) : await app.start()) as unknown;
      started = true;
      if (mode === "http") port = ((result as Server).address() as AddressInfo).port;
      log.info({ mode, ...(port !== undefined ? { port } : {}) }, "slack adapter started");
    },
    async stop() {
      if (!started) return;
      started = false;
      try {
        await app.stop();
      } catch (err) {
        log.warn({ err: describe(err) }, "slack adapter stop failed");
      }
      await rt.idle();
    },
  };
}
