import { z } from "zod";
import type { PlatformDefinition } from "../contract.ts";
import type { DiscordConfig } from "./config.ts";
import { flag, optionalString } from "../env.ts";
import catalog from "./catalog.ts";
import { discordMentions } from "./mentions.ts";

const config = z
  .object({
    DISCORD_TOKEN: optionalString,
    DISCORD_APPLICATION_ID: optionalString,
    DISCORD_GUILD_ID: optionalString,
    DISCORD_API_URL: optionalString,
    DISCORD_MESSAGE_CONTENT: flag,
  })
  .superRefine((env, ctx) => {
    if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: "custom", path: ["DISCORD_APPLICATION_ID"], message: "is required with DISCORD_TOKEN" });
    }
  })
  .transform((env): DiscordConfig | null =>
    env.DISCORD_TOKEN && env.DISCORD_APPLICATION_ID
      ? {
          token: env.DISCORD_TOKEN,
          applicationId: env.DISCORD_APPLICATION_ID,
          messageContent: env.DISCORD_MESSAGE_CONTENT,
          ...(env.DISCORD_GUILD_ID ? { guildId: env.DISCORD_GUILD_ID } : {}),
          ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
        }
      : null,
  );

/** Discord through discord.js on the gateway. */
export const discordPlatform: PlatformDefinition<DiscordConfig> = {
  name: "discord",
  env: ["DISCORD_TOKEN", "DISCORD_APPLICATION_ID", "DISCORD_GUILD_ID", "DISCORD_API_URL", "DISCORD_MESSAGE_CONTENT"],
  secrets: ["DISCORD_TOKEN"],
  config,
  mentions: discordMentions,
  catalog,
  load: () => import("./adapter.ts"),
};
