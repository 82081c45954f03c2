import type { Adapter, AdapterDeps } from "../contract.ts";
import { createDingTalkAdapter } from "./dingtalk-adapter.ts";
import type { DingTalkConfig } from "./config.ts";

/** Loaded by the registry only when DingTalk is configured (this is what imports dingtalk-stream). */
export function createAdapter(config: DingTalkConfig, deps: AdapterDeps): Adapter {
  const { inbound } = deps;
  return createDingTalkAdapter(config, {
    log: deps.logger,
    accept: (event) => inbound.accept(event),
    track: (what, work) => inbound.track(what, work),
    idle: () => inbound.idle(),
  });
}
