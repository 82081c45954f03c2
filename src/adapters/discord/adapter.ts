import type { AdapterDeps } from "../contract.ts";
import { createDiscordAdapter, type DiscordAdapter } from "./discord-adapter.ts";
import type { DiscordConfig } from "./config.ts";

/** Loaded by the registry only when Discord is configured (this is what imports discord.js). */
export function createAdapter(config: DiscordConfig, deps: AdapterDeps): DiscordAdapter {
  return createDiscordAdapter({ ...config, services: deps.services, dispatcher: deps.dispatcher, inbound: deps.inbound, commands: deps.commands, logger: deps.logger });
}
