import type { Adapter } from "../contract.ts";
import { createOpenApi } from "./openapi.ts";
import { createDingTalkPoster } from "./poster.ts";
import { renderReply, sessionBody, visibleText } from "./render.ts";
import { createRuntime, type RuntimeDeps } from "./runtime.ts";
import { StreamClient } from "./stream.ts";

import type { DingTalkConfig } from "./config.ts";

export interface DingTalkAdapterDeps extends RuntimeDeps {
  /** Resolves once all tracked work has finished. */
  idle(): Promise<void>;
}

export interface DingTalkAdapter extends Adapter {
  readonly name: "dingtalk";
}

/**
 * DingTalk in Stream mode. `start` first fetches an OpenAPI token (a wrong Client ID or Secret
 * fails the start with a clear message), then opens the stream; the SDK reconnects by itself
 * when the gateway drops the connection. `stop` closes the stream for good and waits for the
 * messages in hand.
 */
export function createDingTalkAdapter(config: DingTalkConfig, deps: DingTalkAdapterDeps): DingTalkAdapter {
  const { log } = deps;
  const api = createOpenApi({ apiUrl: config.apiUrl, clientId: config.clientId, clientSecret: config.clientSecret });
  const client = new StreamClient({ clientId: config.clientId, clientSecret: config.clientSecret, apiUrl: config.apiUrl });
  client.onGatewayError = (err) => log.warn({ err: err.message }, "dingtalk: stream gateway refused or unreachable; retrying");
  client.onFrameError = (err) => log.warn({ err: err.message }, "dingtalk: unreadable stream frame ignored");
  const runtime = createRuntime(client, api, deps);
  runtime.listen();
  let started = false;

  return {
    name: "dingtalk",
    poster: createDingTalkPoster(api),
    idle: () => deps.idle(),
    render(reply) {
      const payloads = renderReply(reply).map(sessionBody);
      return { payloads, text: payloads.map((p) => visibleText(p)).join("\n"), private: Boolean(reply.private) };
    },
    async start() {
      await api.accessToken(true);
      await client.connect();
      started = true;
      if (client.connected) log.info({}, "dingtalk: connected");
      else log.warn({}, "dingtalk: stream not connected yet; the SDK keeps retrying");
    },
    async stop() {
      if (!started) return;
      started = false;
      client.close();
      await deps.idle();
    },
  };
}
