import type { PlatformDirectory } from "../core/command.ts";
import type { Adapter, AdapterDeps, PlatformDefinition } from "./contract.ts";
import { issueLine } from "./env.ts";
import { consolePlatform } from "./console/platform.ts";
import { dingtalkPlatform } from "./dingtalk/platform.ts";
import { discordPlatform } from "./discord/platform.ts";
import { feishuPlatform } from "./feishu/platform.ts";
import { slackPlatform } from "./slack/platform.ts";

/**
 * Every platform Duban can run on: one line per platform. Definitions are light (no SDK); an
 * adapter's own module is imported only when its platform is configured.
 */
export const PLATFORMS: readonly PlatformDefinition<any>[] = [consolePlatform, slackPlatform, discordPlatform, dingtalkPlatform, feishuPlatform];

export function findPlatform(name: string): PlatformDefinition<any> | undefined {
  return PLATFORMS.find((p) => p.name === name);
}

/** What the core may look up about a platform by name. */
export const platformDirectory: PlatformDirectory = {
  mentions: (name) => findPlatform(name)?.mentions,
  localFiles: (name) => findPlatform(name)?.localFiles === true,
};

/** Every variable that holds a secret, on any platform (redacted from logs). */
export const SECRET_ENV: readonly string[] = PLATFORMS.flatMap((p) => p.secrets);

/** A platform configured in the environment, with its parsed configuration. */
export interface ConfiguredPlatform {
  definition: PlatformDefinition<any>;
  config: unknown;
}

/**
 * Parses every platform's configuration from the environment. Returns the configured ones and
 * every issue (`VARIABLE: message`) of the half-configured ones.
 */
export function configurePlatforms(source: Record<string, string | undefined>): { configured: ConfiguredPlatform[]; issues: string[] } {
  const configured: ConfiguredPlatform[] = [];
  const issues: string[] = [];
  for (const definition of PLATFORMS) {
    const result = definition.config.safeParse(source);
    if (!result.success) issues.push(...result.error.issues.map((i) => issueLine(i.path.join(".") || definition.name, i.message)));
    else if (result.data !== null) configured.push({ definition, config: result.data });
  }
  return { configured, issues };
}

/** Loads (dynamic import) and creates the adapter of each configured platform. */
export async function createAdapters(platforms: readonly ConfiguredPlatform[], deps: (name: string) => AdapterDeps): Promise<Adapter[]> {
  const adapters: Adapter[] = [];
  for (const { definition, config } of platforms) {
    const module = await definition.load();
    adapters.push(module.createAdapter(config, deps(definition.name)));
  }
  return adapters;
}
