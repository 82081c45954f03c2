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

/**
 * Feishu / Lark over the long connection. `start` first fetches a tenant access token and the
 * bot's own open_id (a wrong App ID or Secret fails the start with a clear message), then opens
 * the connection; the SDK reconnects by itself. `stop` closes it for good and waits for the
 * events in hand.
 */
export function createFeishuAdapter(config: FeishuConfig, deps: FeishuAdapterDeps): FeishuAdapter {
  const { log } = deps;
  const api = createApi({ domain: config.domain, appId: config.appId, appSecret: config.appSecret });
  const bot = { openId: "" };
  const runtime = createRuntime(api, deps, () => bot);
  const connection = new LongConnection({ appId: config.appId, appSecret: config.appSecret, domain: config.domain, handlers: runtime.handlers, log });
  let started = false;

  return {
    name: "feishu",
    poster: createFeishuPoster(api, { appId: config.appId, logger: log }),
    idle: () => deps.idle(),
    render(reply) {
      const messages = renderReply(reply);
      return { payloads: messages, text: messages.map(visibleText).join("\n"), private: Boolean(reply.private) };
    },
    async start() {
      await api.accessToken(true);
      Object.assign(bot, await api.botInfo());
      started = true;
      await connection.start();
      if (connection.connected) log.info({ domain: config.domain }, "feishu: connected");
    },
    async stop() {
      if (!started) return;
      started = false;
      connection.close();
      await deps.idle();
    },
  };
}
