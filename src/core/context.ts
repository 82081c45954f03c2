import type { Locale } from "./i18n/index.ts";

/**
 * One inbound message or command, as every adapter hands it to the core. Identity is
 * (platform, userId), never a display name.
 */
export interface IncomingMessage {
  /** The adapter's name (its registry entry); the core never compares it with a known list. */
  platform: string;
  /** The conversation the reply goes to (console: "console"). */
  channelId: string;
  userId: string;
  userName: string;
  text: string;
  /** Platform id of the message/interaction, for inbound dedupe and for tying updates to their source. */
  messageId?: string;
  /**
   * Set when the message is an edit of `messageId` (the platform's edit stamp): its earlier
   * reading is retracted and this text is read anew. Absent for a first reading.
   */
  revision?: string;
  /** The sender deleted message `messageId`: whatever it recorded is retracted. */
  deleted?: boolean;
  /** A direct message to the bot. */
  isDirect?: boolean;
  /** The bot was @mentioned (or the text came through a slash command / button). */
  addressed?: boolean;
  /** The adapter knows this arrived as a command (slash command, button, modal). */
  viaCommand?: boolean;
  /** An explicit reply language for this message (console --lang); beats stored settings. */
  locale?: Locale;
  /** Escape hatch to the platform payload; core never reads it. */
  raw?: unknown;
}
