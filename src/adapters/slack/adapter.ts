import type { AdapterDeps } from "../contract.ts";
import type { SlackConfig } from "./config.ts";
import { createSlackAdapter, type SlackAdapter } from "./slack-adapter.ts";

/** Loaded by the registry only when Slack is configured (this is what imports Bolt). */
export function createAdapter(config: SlackConfig, deps: AdapterDeps): SlackAdapter {
  return createSlackAdapter({ ...config, services: deps.services, dispatcher: deps.dispatcher, inbound: deps.inbound, logger: deps.logger });
}
