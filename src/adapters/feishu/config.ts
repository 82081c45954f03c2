/** Feishu's configuration (apart from platform.ts, which loads the adapter: no import cycle). */
export interface FeishuConfig {
  /** `FEISHU_APP_ID` (`cli_…`). */
  appId: string;
  /** `FEISHU_APP_SECRET` (never logged). */
  appSecret: string;
  /** The open platform's base URL, from `FEISHU_DOMAIN` (no trailing slash). */
  domain: string;
}

export const FEISHU_URL = "https://open.feishu.cn";
export const LARK_URL = "https://open.larksuite.com";

/** The SDK refuses to start a long connection for an app id of any other shape. */
export const APP_ID = /^cli_[0-9a-fA-F]{16}$/;
