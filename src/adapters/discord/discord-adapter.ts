import { Client, Events, GatewayIntentBits, Partials, type REST } from "discord.js";
import type { CommandDefinition, LogSink, Services } from "../../core/command.ts";
import type { Dispatcher } from "../../core/dispatcher.ts";
import type { Adapter } from "../contract.ts";
import { createInbound, type Inbound } from "../../core/inbound.ts";
import type { Poster } from "../../scheduler/types.ts";
import { renderReply, visibleText } from "./format.ts";
import { createDiscordPoster } from "./poster.ts";
import { createComponentCodec, type ComponentCodec } from "./components.ts";
import { followUpRest } from "./deliver.ts";
import { loggable } from "./errors.ts";
import { createInteractionHandler } from "./interactions.ts";
import { createMessageHandler, createRevisionHandler } from "./messages.ts";
import { buildCommandPayloads, syncCommands } from "./register.ts";

export interface DiscordAdapterConfig {
  /** DISCORD_TOKEN (bot token). Never logged. */
  token: string;
  /** DISCORD_APPLICATION_ID. */
  applicationId: string;
  /** DISCORD_GUILD_ID: register commands to this server (instant) instead of globally. */
  guildId?: string;
  /** DISCORD_API_URL: REST base such as `https://discord.com/api`; the gateway is found through it. */
  apiUrl?: string;
  /**
   * Ask for the privileged Message Content intent, to read free text in bound channels. When the
   * Developer Portal has not enabled it, the adapter logs a warning and runs without it.
   */
  messageContent?: boolean;
  services: Services;
  dispatcher: Dispatcher;
  /** The core's inbound path (dedupe, relevance, in-flight); one of its own when not given. */
  inbound?: Inbound;
  commands: readonly CommandDefinition[];
  logger: LogSink;
  /** Show "thinking…" when an answer takes longer than this (default 1500 ms; 0 = always). */
  deferAfterMs?: number;
}

export interface DiscordAdapter extends Adapter {
  /** The logged-in client (after start). */
  readonly client: Client | undefined;
  /** Whether the Message Content intent is in effect (after start). */
  readonly messageContent: boolean;
  /** The button codec, shared with the scheduled-message poster so its buttons decode here. */
  readonly codec: ComponentCodec;
  /** Resolves once every event received so far has been handled. */
  idle(): Promise<void>;
}

const DISALLOWED_INTENTS = 4014;

/** `https://discord.com/api/v10/` → `https://discord.com/api` (discord.js adds the version). */
export function restBase(apiUrl: string): string {
  return apiUrl.replace(/\/+$/, "").replace(/\/v\d+$/, "");
}

/**
 * The Discord adapter: discord.js on the gateway (reconnects and resumes are discord.js's),
 * application commands kept in sync on start, interactions and messages dispatched to the core.
 */
export function createDiscordAdapter(config: DiscordAdapterConfig): DiscordAdapter {
  const log = config.logger;
  const codec = createComponentCodec();
  const inbound = config.inbound ?? createInbound({ dispatcher: config.dispatcher, services: config.services, log });
  const deps = {
    inbound,
    dispatcher: config.dispatcher,
    services: config.services,
    commands: config.commands,
    codec,
    log,
    deferAfterMs: config.deferAfterMs ?? 1500,
  };
  let client: Client | undefined;
  let followUps: REST | undefined;
  let messageContent = false;
  let stopping = false;

  const track = (what: string, work: () => Promise<void>) => {
    if (stopping) return;
    void inbound.track(`discord ${what}`, () => work().catch((err) => log.error({ err: loggable(err) }, `discord: ${what} failed`)));
  };
  const idle = () => inbound.idle();
  let poster: Poster | undefined;

  function build(withContent: boolean): Client {
    const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
    if (withContent) intents.push(GatewayIntentBits.MessageContent);
    const c = new Client({
      intents,
      // DM channels are not cached: without this partial, DMs never reach messageCreate. Without
      // the Message partial, edits and deletions of messages not in the cache (sent before the
      // bot started, or pushed out of it) never reach messageUpdate / messageDelete.
      partials: [Partials.Channel, Partials.Message],
      allowedMentions: { parse: ["users"], repliedUser: false },
      ...(config.apiUrl ? { rest: { api: restBase(config.apiUrl) } } : {}),
    });
    const onMessage = createMessageHandler({ ...deps, messageContent: withContent, ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}) });
    dispose();
    followUps = followUpRest(c);
    const onInteraction = createInteractionHandler({ ...deps, followUps });
    c.on(Events.InteractionCreate, (i) => track("interaction", () => onInteraction(i)));
    c.on(Events.MessageCreate, (m) => track("message", () => onMessage(m)));
    const revisions = createRevisionHandler({ ...deps, messageContent: withContent });
    c.on(Events.MessageUpdate, (old, m) => track("message edit", () => revisions.onEdit(old, m)));
    c.on(Events.MessageDelete, (m) => track("message delete", () => revisions.onDelete(m)));
    c.on(Events.Error, (err) => log.error({ err: loggable(err) }, "discord: client error"));
    c.on(Events.Warn, (message) => log.warn({ message }, "discord: warning"));
    c.on(Events.ShardDisconnect, (e, shard) => log.warn({ code: e.code, shard }, "discord: gateway disconnected"));
    c.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, "discord: gateway resumed"));
    return c;
  }

  /** Stops the follow-up REST's sweep timers. */
  function dispose(): void {
    followUps?.clearHashSweeper();
    followUps?.clearHandlerSweeper();
    followUps = undefined;
  }

  /** Logs in and waits for READY; "disallowed" when the gateway refuses a privileged intent. */
  async function connect(c: Client): Promise<"ready" | "disallowed"> {
    return new Promise((resolve, reject) => {
      c.once(Events.ClientReady, () => resolve("ready"));
      c.on(Events.ShardDisconnect, (e) => {
        if (e.code === DISALLOWED_INTENTS) resolve("disallowed");
        else if (!c.isReady()) reject(new Error(`discord: gateway closed with code ${e.code} during login`));
      });
      c.login(config.token).catch(reject);
    });
  }

  const self: DiscordAdapter = {
    name: "discord",
    codec,
    get poster() {
      return (poster ??= createDiscordPoster(self, { codec, logger: log }));
    },
    render(reply) {
      const messages = renderReply(reply, codec);
      return { payloads: messages, text: messages.map(visibleText).join("\n"), private: Boolean(reply.private) };
    },
    get client() {
      return client;
    },
    get messageContent() {
      return messageContent;
    },
    async start() {
      messageContent = Boolean(config.messageContent);
      client = build(messageContent);
      if ((await connect(client)) === "disallowed") {
        log.warn({}, "discord: the Message Content intent is not enabled for this bot (Developer Portal → Bot); only DMs and @mentions are read");
        await client.destroy();
        messageContent = false;
        client = build(false);
        if ((await connect(client)) !== "ready") throw new Error("discord: the gateway refused the bot's intents");
      }
      log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, messageContent }, "discord: connected");
      const payloads = buildCommandPayloads(config.commands, config.services.settings.defaultLocale, log);
      try {
        const result = await syncCommands(client.rest, { applicationId: config.applicationId, guildId: config.guildId }, payloads);
        log.info({ result, commands: payloads.map((p) => p.name), scope: config.guildId ? "guild" : "global" }, "discord: application commands");
      } catch (err) {
        log.error({ err: loggable(err) }, "discord: registering application commands failed; text commands in DMs and mentions still work");
      }
    },
    idle,
    async stop() {
      stopping = true;
      await idle();
      await client?.destroy();
      dispose();
    },
  };
  return self;
}
