import type { z } from "zod";
import type { CommandDefinition, LogSink, Services } from "../core/command.ts";
import type { Dispatcher } from "../core/dispatcher.ts";
import type { Locale } from "../core/i18n/index.ts";
import type { Inbound } from "../core/inbound.ts";
import type { MentionSyntax } from "../core/mentions.ts";
import type { Reply } from "../core/reply.ts";
import type { Poster } from "../scheduler/types.ts";

/**
 * # The adapter contract
 *
 * A platform is one folder, `src/adapters/<name>/`, with two modules:
 *
 * - `platform.ts` exports a {@link PlatformDefinition}: its name, its configuration (a zod schema
 *   over the environment, with the variable names), its mention syntax and its own text catalog.
 *   It must stay light: no SDK import, because the registry imports every definition at start.
 * - the module its `load()` imports dynamically (only when the platform is configured) exports
 *   `createAdapter(config, deps)` returning a running {@link Adapter}. Only this module and what it
 *   imports may load the platform's SDK.
 *
 * Then one line in `src/adapters/registry.ts`, the variables in `.env.example`, a page in `docs/`
 * and a subject in `test/adapters/contract/` (the suite every adapter runs).
 *
 * ## What the adapter does
 * - **receive**: turn each platform event into an {@link InboundEvent} (neutral message plus a
 *   stable event id, the same on every redelivery) and hand it to the core, inside
 *   `deps.inbound.track(...)` so shutdown waits for it. Where the platform is acknowledged
 *   (an HTTP response, a socket or stream ack), call `deps.inbound.accept(event)` first — it
 *   stores the event in the inbox — then acknowledge, then `process()` what it returned; with
 *   nothing to acknowledge (a gateway), `deps.inbound.receive(event)` does both. Never
 *   acknowledge before `accept` resolved: a process killed in between would lose the event.
 *   Resuming after a crash needs nothing more from the adapter than its poster. It does not dedupe, decide relevance,
 *   choose a language or check permissions: the core does that once for every platform. It does
 *   say what it knows: `isDirect` (a DM), `addressed` (the bot was mentioned), `viaCommand` (a
 *   slash command, button or form). Files sent with the message go on `attachments` (name,
 *   size, a download on demand; see `src/adapters/download.ts`).
 * - **render**: neutral {@link Reply} → platform payloads, losing nothing (every text, field,
 *   list item and button label visible), private replies only to the asker, long replies split
 *   within the platform's limits without cutting a mention (`splitText` in core/text/split.ts).
 * - **send / reply / update / DM**: deliver the rendered replies to the conversation the event
 *   came from (threaded, ephemeral or edited in place as the platform allows; a paging button's
 *   reply replaces the page it was on: `replacesItsMessage(button)` in core/paging.ts; where the
 *   platform cannot edit a message, say so in its docs page).
 * - **buttons and forms**: a button runs its `command` as the clicking user; a button with a
 *   `form` opens a modal where the platform has one, otherwise shows the command to type.
 * - **post and find a post** ({@link Adapter.poster}): scheduled digests and reminders to a
 *   channel or a DM, tagged with the idempotency key so `findPosted` can tell after a crash
 *   whether it went out (exactly once per period).
 *
 * ## What the core does for it
 * The inbox (durable before acknowledged, resumed on start), dedupe by event id (store down:
 * handled anyway), relevance (DM / mention / command / bound
 * channel), language, in-flight tracking, permissions (declared on each command), action ids,
 * paging and text splitting. See `src/core/inbound.ts`.
 */
export interface PlatformDefinition<C = unknown> {
  /** The `platform` string stored with every row from this platform (`slack`, `dingtalk`). */
  readonly name: string;
  /** Every environment variable it reads (docs, `.env.example`, the configuration test). */
  readonly env: readonly string[];
  /** The variables holding secrets: they never reach a log line. */
  readonly secrets: readonly string[];
  /**
   * Parses the environment: `null` when the platform is not configured (its variables unset),
   * its configuration when it is, issues naming the variable when it is half-configured.
   */
  readonly config: z.ZodType<C | null>;
  /** How people are mentioned in text from this platform. */
  readonly mentions: MentionSyntax;
  /**
   * Its users run Duban on their own machine (the console): a path they type names a file Duban
   * may read (`/import <path>`). Chat platforms send files instead.
   */
  readonly localFiles?: boolean;
  /** The adapter's own words (modal buttons, "expired" notices), in every locale. */
  readonly catalog: Record<Locale, Record<string, string>>;
  /** Imports the adapter itself (and so its SDK): called only when the platform is configured. */
  load(): Promise<AdapterModule<C>>;
}

export interface AdapterModule<C> {
  createAdapter(config: C, deps: AdapterDeps): Adapter;
}

/** What the process gives every adapter. */
export interface AdapterDeps {
  services: Services;
  dispatcher: Dispatcher;
  /** Dedupe, relevance, dispatch and in-flight tracking: the one inbound path. */
  inbound: Inbound;
  /** Every command (native slash command registration). */
  commands: readonly CommandDefinition[];
  logger: LogSink;
}

/** Everything a user would see in a rendered reply, for the contract suite. */
export interface RenderedReply {
  /** The platform payloads, one per message sent. */
  payloads: unknown[];
  /** All visible text of all payloads (button labels included), formatting marks aside. */
  text: string;
  /** Only the asker sees it. */
  private: boolean;
}

/** A running platform adapter; the process starts and stops them alike. */
export interface Adapter {
  readonly name: string;
  /** Connects (a rejected credential fails here, not on the first message). */
  start(): Promise<void>;
  /** Stops accepting input and waits for in-flight work. */
  stop(): Promise<void>;
  /** Resolves once every event received so far has been handled. */
  idle(): Promise<void>;
  /** Scheduled posts to channels and DMs, and finding an earlier post by its key. */
  readonly poster: Poster;
  /** Neutral reply → this platform's payloads (pure; used by the contract suite). */
  render(reply: Reply): RenderedReply;
}
