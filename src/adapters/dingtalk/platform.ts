import { z } from "zod";
import type { PlatformDefinition } from "../contract.ts";
import { optionalString } from "../env.ts";
import catalog from "./catalog-text.ts";
import { DEFAULT_API_URL, type DingTalkConfig } from "./config.ts";
import { dingtalkMentions } from "./mentions.ts";

const httpUrl = z.string().refine((v) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, "must be an http(s) URL, e.g. https://api.dingtalk.com");

const config = z
  .object({
    DINGTALK_CLIENT_ID: optionalString,
    DINGTALK_CLIENT_SECRET: optionalString,
    DINGTALK_API_URL: optionalString.pipe(httpUrl.optional()),
  })
  .superRefine((env, ctx) => {
    if (env.DINGTALK_CLIENT_ID && !env.DINGTALK_CLIENT_SECRET) ctx.addIssue({ code: "custom", path: ["DINGTALK_CLIENT_SECRET"], message: "is required with DINGTALK_CLIENT_ID" });
    if (!env.DINGTALK_CLIENT_ID && env.DINGTALK_CLIENT_SECRET) ctx.addIssue({ code: "custom", path: ["DINGTALK_CLIENT_ID"], message: "is required with DINGTALK_CLIENT_SECRET" });
  })
  .transform((env): DingTalkConfig | null =>
    env.DINGTALK_CLIENT_ID && env.DINGTALK_CLIENT_SECRET
      ? { clientId: env.DINGTALK_CLIENT_ID, clientSecret: env.DINGTALK_CLIENT_SECRET, apiUrl: (env.DINGTALK_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, "") }
      : null,
  );

/** DingTalk (钉钉): an internal app's robot in Stream mode (dingtalk-stream), no public URL needed. */
export const dingtalkPlatform: PlatformDefinition<DingTalkConfig> = {
  name: "dingtalk",
  env: ["DINGTALK_CLIENT_ID", "DINGTALK_CLIENT_SECRET", "DINGTALK_API_URL"],
  secrets: ["DINGTALK_CLIENT_SECRET"],
  config,
  mentions: dingtalkMentions,
  catalog,
  load: () => import("./adapter.ts"),
};
