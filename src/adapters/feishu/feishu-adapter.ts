import { setTimeout as sleep } from "node:timers/promises";
import { PostError } from "../../scheduler/types.ts";
import type { Adapter } from "../contract.ts";
import { createApi } from "./api.ts";
import type { FeishuConfig } from "./config.ts";
import { createFeishuPoster } from "./poster.ts";
import { renderReply, visibleText } from "./render.ts";
import { createRuntime, type RuntimeDeps } from "./runtime.ts";
import { LongConnection } from "./ws.ts";

export interface FeishuAdapterDeps extends RuntimeDeps {
  /** Resolves once all tracked work has finished. */
  idle(): Promise<void>;
}

export interface FeishuAdapter extends Adapter {
  readonly name: "feishu";
}

/** An unreachable or failing open platform at start is tried this often (waits 1, 2, 4, 8 s). */
const START_ATTEMPTS = 5;

/**
 * Feishu / Lark over the long connection. `start` first fetches a tenant access token and the
 * bot's own open_id (a wrong App ID or Secret fails the start at once with a clear message; an
 * unreachable or failing open platform is tried again a few times), then opens the connection;
 * the SDK reconnects by itself. `stop` (at any time, also during start) closes it for good and
 * waits for the events in hand.
 */
export function createFeishuAdapter(config: FeishuConfig, deps: FeishuAdapterDeps): FeishuAdapter {
  const { log } = deps;
  const api = createApi({ domain: config.domain, appId: config.appId, appSecret: config.appSecret });
  const bot = { openId: "" };
  const runtime = createRuntime(api, deps, () => bot);
  const connection = new LongConnection({ appId: config.appId, appSecret: config.appSecret, domain: config.domain, handlers: runtime.handlers, log });
  let stopped = false;

  return {
    name: "feishu",
    poster: createFeishuPoster(api, { appId: config.appId, logger: log }),
    idle: () => deps.idle(),
    render(reply) {
      const messages = renderReply(reply);
      return { payloads: messages, text: messages.map(visibleText).join("\n"), private: Boolean(reply.private) };
    },
    async start() {
      for (let attempt = 1; ; attempt++) {
        try {
          await api.accessToken(true);
          Object.assign(bot, await api.botInfo());
          break;
        } catch (err) {
          if (stopped || !(err instanceof PostError) || err.kind !== "transient" || attempt >= START_ATTEMPTS) throw err;
          log.warn({ err: err.message, attempt }, "feishu: open platform not answering at start; trying again");
          await sleep(1000 * 2 ** (attempt - 1));
        }
      }
      if (stopped) return;
      await connection.start();
      if (connection.connected) log.info({ domain: config.domain }, "feishu: connected");
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      connection.close();
      await deps.idle();
    },
  };
}
