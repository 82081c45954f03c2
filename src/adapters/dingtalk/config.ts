/** DingTalk's configuration (apart from platform.ts, which loads the adapter: no import cycle). */
export interface DingTalkConfig {
  /** `DINGTALK_CLIENT_ID` (AppKey; also the robotCode). */
  clientId: string;
  /** `DINGTALK_CLIENT_SECRET` (never logged). */
  clientSecret: string;
  /** `DINGTALK_API_URL`: gateway-open, tokens and OpenAPI base. */
  apiUrl: string;
}

export const DEFAULT_API_URL = "https://api.dingtalk.com";
