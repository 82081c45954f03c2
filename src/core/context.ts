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
  /**
   * The adapter knows this is a button click (or a form a button opened): its text is the
   * button's command. A writing button whose command names no plan is refused (see core/plan-scope.ts).
   */
  button?: boolean;
  /** An explicit reply language for this message (console --lang); beats stored settings. */
  locale?: Locale;
  /**
   * Files sent with the message (a file shared in a DM, an attachment), downloaded only when a
   * command asks for them.
   */
  attachments?: Attachment[];
  /** Escape hatch to the platform payload; core never reads it. */
  raw?: unknown;
}

/**
 * A file that came with a message. The adapter knows where it lives and how to authenticate;
 * the core only sees its name, its size and a way to download it.
 */
export interface Attachment {
  /** The file name as sent (`工作方案.docx`). */
  name: string;
  /** Bytes, as the platform reports before any download; null when it does not say. */
  size: number | null;
  /** The platform's MIME type, when it gives one (informative only: formats are read from content). */
  mimeType?: string;
  /**
   * Downloads the file. Throws {@link AttachmentError}: `too_large` as soon as more than
   * `maxBytes` arrive (the rest is never read), `unavailable` when the platform does not hand it
   * over (expired link, missing permission, network), with its reason in `message`.
   */
  fetch(maxBytes: number): Promise<Uint8Array>;
}

export class AttachmentError extends Error {
  constructor(
    readonly code: "too_large" | "unavailable",
    message: string,
  ) {
    super(message);
    this.name = "AttachmentError";
  }
}
