/** The adapter's configuration, parsed from the environment by platform.ts. */
export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
  messageContent: boolean;
}
