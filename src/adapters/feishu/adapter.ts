import type { Adapter, AdapterDeps } from "../contract.ts";
import type { FeishuConfig } from "./config.ts";
import { createFeishuAdapter } from "./feishu-adapter.ts";

/** Loaded by the registry only when Feishu is configured (this is what imports the Lark SDK). */
export function createAdapter(config: FeishuConfig, deps: AdapterDeps): Adapter {
  const { inbound } = deps;
  return createFeishuAdapter(config, {
    log: deps.logger,
    accept: (event) => inbound.accept(event),
    track: (what, work) => inbound.track(what, work),
    idle: () => inbound.idle(),
  });
}
