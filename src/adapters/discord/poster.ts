import crypto from "node:crypto";
import { Client, DiscordAPIError, HTTPError, RateLimitError, REST, Routes, type APIChannel, type APIEmbed, type APIMessage } from "discord.js";
import type { LogSink } from "../../core/command.ts";
import type { Reply } from "../../core/reply.ts";
import { PostError, type Poster, type PostTarget } from "../../scheduler/types.ts";
import { createComponentCodec, type ComponentCodec } from "./components.ts";
import { loggable } from "./errors.ts";
import { renderReply } from "./format.ts";

export interface DiscordPosterOptions {
  logger?: LogSink;
  /**
   * The adapter's button codec, so buttons whose command is too long for a custom id stay
   * clickable (short commands and forms are stateless and work with any codec).
   */
  codec?: ComponentCodec;
  /** How far back findPosted looks: pages of `historyPageSize` messages (default 3 × 100). */
  historyPages?: number;
  historyPageSize?: number;
}

/** Explanations shown with the Discord error code in `/digest status`. */
const PERMANENT: Record<number, string> = {
  10003: "the channel does not exist or the bot cannot see it",
  50001: "the bot has no access to the channel",
  50013: "the bot lacks a permission in the channel (Send Messages, Embed Links)",
};
/** Sending into a DM channel: the user cannot be messaged directly. */
const DM_UNAVAILABLE = new Set([50007, 10013, 50033, 10003]);

/** `dm-open`: creating the DM channel, where any refusal of the recipient means no DM. */
type Step = "channel" | "dm-open" | "dm-post";

/** A discord.js REST error as a PostError the scheduler understands. */
export function toPostError(err: unknown, step: Step = "channel"): PostError {
  if (err instanceof PostError) return err;
  if (err instanceof RateLimitError) {
    const wait = err.retryAfter > 0 ? err.retryAfter : err.timeToReset;
    return new PostError("transient", `discord rate limited on ${err.route}`, { ...(wait > 0 ? { retryAfterMs: wait } : {}), cause: err });
  }
  if (err instanceof DiscordAPIError) {
    const code = Number(err.code);
    if (err.status === 429) {
      const after = (err.rawError as { retry_after?: number }).retry_after;
      return new PostError("transient", "discord rate limited", { ...(after ? { retryAfterMs: Math.ceil(after * 1000) } : {}), cause: err });
    }
    if (err.status >= 500 || err.status === 408) return new PostError("transient", `discord answered HTTP ${err.status}`, { cause: err });
    if ((step === "dm-post" && DM_UNAVAILABLE.has(code)) || (step === "dm-open" && err.status !== 401)) {
      return new PostError("dm_unavailable", `discord ${code} ${err.message}: cannot send this user a direct message`, { cause: err });
    }
    const hint = PERMANENT[code] ?? (err.status === 401 ? "the bot token was refused" : undefined);
    return new PostError("permanent", `discord ${code} ${err.message}${hint ? `: ${hint}` : ""}`.slice(0, 300), { cause: err });
  }
  if (err instanceof HTTPError) {
    const kind = err.status >= 500 || err.status === 408 ? "transient" : "permanent";
    return new PostError(kind, `discord answered HTTP ${err.status}`, { cause: err });
  }
  // Network errors and timeouts (AbortError): the post may or may not have gone through.
  return new PostError("transient", `discord post failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/** The visible marker in the footer of every part of a keyed post: `督办 · 2/3 · #1a2b3c4d5e6f`. */
export function markerFor(key: string, part: number, parts: number): string {
  return parts > 1 ? `督办 · ${part + 1}/${parts} · #${refOf(key)}` : `督办 · #${refOf(key)}`;
}
const refOf = (key: string) => crypto.createHash("sha256").update(key).digest("hex").slice(0, 12);
const MARKER = /(?:·\s*(\d+)\/(\d+)\s*)?·\s*#([0-9a-f]{12})$/;
/** Room kept in each message's embed budget for the marker. */
const MARKER_ROOM = 40;

/** Discord's nonce (≤ 25 characters), one per part, stable for a key. */
export function nonceFor(key: string, part: number): string {
  return crypto.createHash("sha256").update(`${key}\n${part}`).digest("hex").slice(0, 25);
}

function withMarker(embeds: APIEmbed[], text: string): APIEmbed[] {
  if (!embeds.length) return [{ footer: { text } }];
  return embeds.map((e, i) => (i === embeds.length - 1 ? { ...e, footer: { text } } : e));
}

const silent: LogSink = { debug() {}, info() {}, warn() {}, error() {} };
const MEMORY = 500;

/**
 * Posts scheduled digests and reminders to Discord through its own REST instance (the adapter
 * client's token and API base) with `retries: 0` and every rate limit rejected, so a 5xx, a
 * timeout or a 429 reaches the scheduler, whose retry checks {@link Poster.findPosted} first.
 *
 * Keyed posts carry, per part, a nonce derived from the key with `enforce_nonce` (Discord returns
 * the earlier message instead of a duplicate for a few minutes) and a footer marker
 * ({@link markerFor}: a hash of the key, never the key) that findPosted looks for in the bot's
 * recent messages. Parts already posted for a key are remembered, so retrying an interrupted
 * multi-part post sends only the missing parts.
 */
export function createDiscordPoster(source: { readonly client: Client | undefined } | Client, options: DiscordPosterOptions = {}): Poster {
  const log = options.logger ?? silent;
  const codec = options.codec ?? createComponentCodec();
  const pages = options.historyPages ?? 3;
  const pageSize = options.historyPageSize ?? 100;
  const dmChannels = new Map<string, string>();
  const progress = new Map<string, Map<number, string>>();
  let cached: { client: Client; rest: REST } | undefined;

  const memo = (target: PostTarget, key: string) => `${"userId" in target ? `u:${target.userId}` : `c:${target.channelId}`}\n${key}`;
  const remember = (id: string, parts: Map<number, string>) => {
    progress.delete(id);
    progress.set(id, parts);
    if (progress.size > MEMORY) progress.delete(progress.keys().next().value!);
  };

  function connection(): { rest: REST; botId: string } {
    const client = source instanceof Client ? source : source.client;
    if (!client?.token || !client.user) throw new PostError("transient", "discord is not connected yet");
    if (cached?.client !== client) {
      cached?.rest.clearHashSweeper();
      cached?.rest.clearHandlerSweeper();
      // offset 0: the wait reported is Discord's own; the scheduler does the waiting.
      const rest = new REST({ ...client.rest.options, retries: 0, offset: 0, rejectOnRateLimit: () => true }).setToken(client.token);
      cached = { client, rest };
    }
    return { rest: cached.rest, botId: client.user.id };
  }

  async function channelOf(rest: REST, target: PostTarget): Promise<string> {
    if ("channelId" in target) return target.channelId;
    const known = dmChannels.get(target.userId);
    if (known) return known;
    try {
      const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: target.userId } })) as APIChannel;
      dmChannels.set(target.userId, dm.id);
      return dm.id;
    } catch (err) {
      throw toPostError(err, "dm-open");
    }
  }

  return {
    async post(target: PostTarget, reply: Reply, opts: { idempotencyKey?: string } = {}) {
      const { rest } = connection();
      const channelId = await channelOf(rest, target);
      const key = opts.idempotencyKey;
      const messages = renderReply(reply, codec, key ? { reserve: MARKER_ROOM } : {});
      if (!messages.length) throw new PostError("permanent", "nothing to post (empty reply)");
      const id = key ? memo(target, key) : "";
      const posted = (key && progress.get(id)) || new Map<number, string>();
      for (const [part, m] of messages.entries()) {
        if (posted.has(part)) continue;
        const body = {
          content: m.content ?? "",
          embeds: key ? withMarker(m.embeds, markerFor(key, part, messages.length)) : m.embeds,
          components: m.components,
          allowed_mentions: { parse: ["users"] },
          ...(key ? { nonce: nonceFor(key, part), enforce_nonce: true } : {}),
        };
        // Files (a digest's chart) are attachments of the first part.
        const files = part === 0 ? (reply.files ?? []) : [];
        try {
          const sent = (await rest.post(
            Routes.channelMessages(channelId),
            files.length
              ? { body: { ...body, attachments: files.map((f, i) => ({ id: i, filename: f.name })) }, files: files.map((f) => ({ name: f.name, data: Buffer.from(f.data) })) }
              : { body },
          )) as APIMessage;
          posted.set(part, `${channelId}:${sent.id}`);
        } catch (err) {
          if (key && posted.size) remember(id, posted);
          if (posted.size) log.warn({ channelId, part, parts: messages.length, err: loggable(err) }, "discord: scheduled post interrupted after some of its parts");
          throw toPostError(err, "userId" in target ? "dm-post" : "channel");
        }
      }
      if (key) progress.delete(id);
      return { messageRef: posted.get(0) ?? [...posted.values()][0]! };
    },
    acceptsFiles: () => true,

    async findPosted(target: PostTarget, key: string) {
      const { rest, botId } = connection();
      let channelId: string;
      try {
        channelId = await channelOf(rest, target);
      } catch (err) {
        if (err instanceof PostError && err.kind === "dm_unavailable") return null; // no DM, so nothing was posted there
        throw err;
      }
      const ref = refOf(key);
      const found = new Map<number, string>();
      let parts = 1;
      let before: string | undefined;
      let exhausted = false;
      for (let page = 0; page < pages && !found.has(0); page++) {
        const query = new URLSearchParams({ limit: String(pageSize), ...(before ? { before } : {}) });
        const list = (await rest.get(Routes.channelMessages(channelId), { query })) as APIMessage[];
        for (const m of list) {
          if (m.author.id !== botId) continue;
          for (const e of m.embeds) {
            const match = MARKER.exec(e.footer?.text ?? "");
            if (match?.[3] !== ref) continue;
            found.set(match[1] ? Number(match[1]) - 1 : 0, `${channelId}:${m.id}`);
            parts = Math.max(parts, Number(match[2] ?? 1));
          }
        }
        if (list.length < pageSize) exhausted = true;
        if (exhausted) break;
        before = list[list.length - 1]!.id;
      }
      const id = memo(target, key);
      if (!found.size) return exhausted ? null : undefined;
      if (found.size >= parts) {
        progress.delete(id);
        return { messageRef: found.get(0) ?? [...found.values()][0]! };
      }
      // Some parts went out, not all: report it as not posted; post() sends only the missing ones.
      log.warn({ channelId, found: found.size, parts }, "discord: scheduled post found incomplete; the missing parts will be sent");
      remember(id, found);
      return null;
    },
  };
}
