/** The adapter's configuration, parsed from the environment by platform.ts. */
export interface SlackConfig {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  port: number;
  apiUrl?: string;
}
