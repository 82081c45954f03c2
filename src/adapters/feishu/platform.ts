import { z } from "zod";
import type { PlatformDefinition } from "../contract.ts";
import { optionalString } from "../env.ts";
import catalog from "./catalog-text.ts";
import { APP_ID, FEISHU_URL, LARK_URL, type FeishuConfig } from "./config.ts";
import { feishuMentions } from "./mentions.ts";

/** `feishu` (default), `lark`, or the http(s) base URL of a private deployment or a local fake. */
const domain = optionalString.pipe(
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const name = v?.toLowerCase();
      if (name === undefined || name === "feishu") return FEISHU_URL;
      if (name === "lark" || name === "larksuite") return LARK_URL;
      try {
        const url = new URL(v!);
        if (url.protocol === "http:" || url.protocol === "https:") return url.href.replace(/\/+$/, "");
      } catch {
        // reported below
      }
      ctx.addIssue({ code: "custom", message: "must be feishu, lark or an http(s) URL such as https://open.feishu.cn" });
      return z.NEVER;
    }),
);

const config = z
  .object({
    FEISHU_APP_ID: optionalString,
    FEISHU_APP_SECRET: optionalString,
    FEISHU_DOMAIN: domain,
  })
  .superRefine((env, ctx) => {
    if (env.FEISHU_APP_ID && !env.FEISHU_APP_SECRET) ctx.addIssue({ code: "custom", path: ["FEISHU_APP_SECRET"], message: "is required with FEISHU_APP_ID" });
    if (!env.FEISHU_APP_ID && env.FEISHU_APP_SECRET) ctx.addIssue({ code: "custom", path: ["FEISHU_APP_ID"], message: "is required with FEISHU_APP_SECRET" });
    if (env.FEISHU_APP_ID && !APP_ID.test(env.FEISHU_APP_ID)) ctx.addIssue({ code: "custom", path: ["FEISHU_APP_ID"], message: "must look like cli_ followed by 16 hexadecimal digits (凭证与基础信息 → App ID)" });
  })
  .transform((env): FeishuConfig | null =>
    env.FEISHU_APP_ID && env.FEISHU_APP_SECRET ? { appId: env.FEISHU_APP_ID, appSecret: env.FEISHU_APP_SECRET, domain: env.FEISHU_DOMAIN } : null,
  );

/** Feishu (飞书) / Lark: a self-built app's bot over the long connection (WSClient), no public URL needed. */
export const feishuPlatform: PlatformDefinition<FeishuConfig> = {
  name: "feishu",
  env: ["FEISHU_APP_ID", "FEISHU_APP_SECRET", "FEISHU_DOMAIN"],
  secrets: ["FEISHU_APP_SECRET"],
  config,
  mentions: feishuMentions,
  catalog,
  load: () => import("./adapter.ts"),
};
