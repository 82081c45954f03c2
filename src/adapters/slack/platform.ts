import { z } from "zod";
import type { PlatformDefinition } from "../contract.ts";
import type { SlackConfig } from "./config.ts";
import { optionalString, port } from "../env.ts";
import catalog from "./catalog-text.ts";
import { slackMentions } from "./mentions.ts";

const config = z
  .object({
    SLACK_BOT_TOKEN: optionalString,
    SLACK_APP_TOKEN: optionalString,
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_API_URL: optionalString,
    PORT: port,
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SLACK_SIGNING_SECRET"], message: "set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) with SLACK_BOT_TOKEN" });
    }
  })
  .transform((env): SlackConfig | null =>
    env.SLACK_BOT_TOKEN
      ? {
          botToken: env.SLACK_BOT_TOKEN,
          port: env.PORT,
          ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
          ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
          ...(env.SLACK_API_URL ? { apiUrl: env.SLACK_API_URL } : {}),
        }
      : null,
  );

/** Slack through Bolt: Socket Mode with an app token, otherwise the HTTP receiver on PORT. */
export const slackPlatform: PlatformDefinition<SlackConfig> = {
  name: "slack",
  env: ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL", "PORT"],
  secrets: ["SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"],
  config,
  mentions: slackMentions,
  catalog,
  load: () => import("./adapter.ts"),
};
