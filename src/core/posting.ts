import type { Reply } from "./reply.ts";

/**
 * Where a scheduled message goes: a channel, or a direct message to one user. `threadId`: into
 * that thread of the channel where the platform has threads (the answer to a resumed message).
 */
export type PostTarget = { platform: string; channelId: string; threadId?: string } | { platform: string; userId: string };

export type PostErrorKind = "transient" | "permanent" | "dm_unavailable";

/**
 * A platform refused a post. `transient` (429, 5xx, timeouts) is retried with backoff, honouring
 * `retryAfterMs`; `permanent` (channel gone, bot removed) fails the delivery with `message` as the
 * reason shown in `/digest status`; `dm_unavailable` means the user cannot be messaged directly,
 * so reminders fall back to a mention in the schedule's channel.
 */
export class PostError extends Error {
  readonly retryAfterMs: number | undefined;
  constructor(
    readonly kind: PostErrorKind,
    message: string,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "PostError";
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Posts scheduled messages; implemented per platform by the adapters (the scheduler knows no
 * platform). The adapter renders and splits the neutral reply to its limits and returns a
 * reference to the (first) message.
 */
export interface Poster {
  post(target: PostTarget, reply: Reply, options?: { idempotencyKey?: string }): Promise<{ messageRef: string }>;
  /**
   * Optional: finds a message this bot already posted with the idempotency key (e.g. in the
   * message's metadata or nonce). Lets a run interrupted mid-post resume without a duplicate.
   * Null: known not posted; undefined: cannot tell (treated as "do not post again").
   */
  findPosted?(target: PostTarget, idempotencyKey: string): Promise<{ messageRef: string } | null | undefined>;
  /**
   * Optional: the post sends a reply's files (an image shown with the message). Without it, or
   * false, a scheduled message carries no files (a weekly digest then has no chart).
   */
  acceptsFiles?(target: PostTarget): boolean;
}
