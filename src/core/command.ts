import type { z } from "zod";
import type { Clock } from "./clock.ts";
import type { Attachment, IncomingMessage } from "./context.ts";
import type { Locale, MessageKey, MessageParams, Translator } from "./i18n/index.ts";
import type { MentionParse, MentionSyntax } from "./mentions.ts";
import type { ChannelState, PlanSummary, SuggestKind, TaskDetail } from "./model.ts";
import type { Reply } from "./reply.ts";
import type { Store } from "./store.ts";
import type { ScheduleStore } from "./schedules.ts";

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
  /** Its users run Duban on their own machine: a path they type names a file Duban may read. */
  localFiles?(platform: string): boolean;
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
 * Who may run a command (enforced by the dispatcher, see core/permissions.ts):
 * - `anyone`: reading, or the asker's own settings;
 * - `envAdmin`: the bot's admins (DUBAN_ADMINS, the console operator);
 * - `planAdmin`: those and the admins of the row's plan;
 * - `channelAdmin`: a channel setting: admins of the channel's plan, anyone in their own DM with
 *   the bot, anyone in a trial install without admins;
 * - `bindChannel`: binding the channel to the row's plan: rights on that plan, or `channelAdmin`;
 * - `authorOrPlanAdmin`: the row's author, or admins of its plan;
 * - `report`: progress on a task: members of its units, plan admins, anyone in a channel opened
 *   for the plan (a target linked to no task: any member of the plan's units).
 */
export type Right = "anyone" | "envAdmin" | "planAdmin" | "channelAdmin" | "bindChannel" | "authorOrPlanAdmin" | "report";

/** The stored row a command touches, as far as rights go. */
export interface RowRef {
  /** The plan the row belongs to: rights on this plan count, wherever the command was typed. */
  planId: number;
  /** Its title, for the refusal. */
  planTitle?: string;
  /** Who wrote it (an update): the author may take it back. */
  author?: { platform: string; userId: string };
  /** The task a report is about; null for a target linked to no task. */
  task?: TaskDetail | null;
  /** Extra parameters for the refusal message (`{id}`). */
  params?: MessageParams;
}

export interface PermissionRule<A = any> {
  right: Right;
  /**
   * The row the command touches (its plan decides), found from the arguments; null when there is
   * no such row (the command then says so). Default: the channel's plan. Several rows (a schedule
   * for the channel's plan replacing one that posts another plan): the right is needed on each.
   */
  row?: (ctx: CommandContext, args: A) => Promise<RowRef | readonly RowRef[] | null>;
  /** The refusal (default `error.notAdmin`); gets `{plan}` and the row's params. */
  denied?: MessageKey;
  params?: (args: A, ctx: CommandContext) => MessageParams;
}

/** One rule, or one per subcommand (`subcommand(args)` names the key; `*` is the rest). */
export type Permission<A = any> =
  | PermissionRule<A>
  | { subcommand: (args: A) => string; rules: Record<string, PermissionRule<A>> & { "*": PermissionRule<A> } };

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
  /** Who may run it (each subcommand), enforced by the dispatcher before `run`; /help shows it. */
  permission: Permission<A>;
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
