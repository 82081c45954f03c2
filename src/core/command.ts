import type { z } from "zod";
import type { Clock } from "./clock.ts";
import type { Attachment, IncomingMessage } from "./context.ts";
import type { Locale, MessageKey, Translator } from "./i18n/index.ts";
import type { MentionParse, MentionSyntax } from "./mentions.ts";
import type { ChannelState, PlanSummary, SuggestKind } from "./model.ts";
import type { Reply } from "./reply.ts";
import type { Store } from "./store.ts";
import type { ScheduleStore } from "../scheduler/types.ts";

/** The subset of a pino logger core uses. */
export interface LogSink {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface CoreSettings {
  /** `platform:userId` entries with admin rights everywhere. */
  admins: readonly string[];
  /** Of those, the ones who are admins because they operate the local store (the console user). */
  localAdmins?: readonly string[];
  defaultLocale: Locale;
  timezone: string;
  staleDays: number;
}

/** What the core may ask about a platform by its name; filled from the adapter registry. */
export interface PlatformDirectory {
  /** The platform's mention syntax (unknown platforms: none). */
  mentions(platform: string): MentionSyntax | undefined;
}

export interface Services {
  store: Store;
  /** Digest and reminder schedules, runs and deliveries. */
  schedules: ScheduleStore;
  clock: Clock;
  log: LogSink;
  settings: CoreSettings;
  /** Per-platform traits (mention syntax); without it no platform mention is recognised. */
  platforms?: PlatformDirectory;
}

export interface CommandContext {
  message: IncomingMessage;
  locale: Locale;
  t: Translator;
  now: Date;
  services: Services;
  channel: ChannelState;
  /** Every registered command, for /help. */
  commands: readonly CommandDefinition[];
  isAdmin: boolean;
  /** The people mentioned in `text`, in the syntax of the platform this message came from. */
  mentions(text: string): MentionParse;
  /** The channel's plan; throws a friendly error when none is chosen. */
  requirePlan(): Promise<PlanSummary>;
}

/** A typed option for platforms with structured slash commands and typed options. */
export interface SlashOption {
  name: string;
  description: MessageKey;
  type: "string" | "integer";
  required: boolean;
  /** Suggest values as the user types (task numbers, target names, unit names). */
  autocomplete?: SuggestKind;
}

export type { SuggestKind } from "./model.ts";

/**
 * One chat command. `input` turns the text after the command name into the raw object the
 * zod schema validates; the default hands the schema `{ text }`.
 */
export interface CommandDefinition<A = any> {
  name: string;
  aliases: readonly string[];
  summary: MessageKey;
  usage: MessageKey;
  /** One command exactly as a user would type it, shown with argument errors. */
  example?: string;
  args: z.ZodType<A>;
  input?: (rest: string) => unknown;
  /**
   * Exposed as a native slash command with typed options; the adapter rebuilds the text
   * `/name <opt1> <opt2> …` (options in this order, empty ones left out) and dispatches it.
   * Commands without it are reached through the umbrella `/duban <text>`.
   */
  slash?: { options: SlashOption[] };
  /** Left out of /help (still callable). */
  hidden?: boolean;
  run(ctx: CommandContext, args: A): Promise<Reply | Reply[]>;
  /**
   * Handles files sent to the bot in a DM or with a mention (or with this command's name as
   * their text). One command in the registry has it: /import.
   */
  files?(ctx: CommandContext, files: readonly Attachment[]): Promise<Reply | Reply[]>;
}

export function defineCommand<A>(definition: CommandDefinition<A>): CommandDefinition<A> {
  return definition;
}
