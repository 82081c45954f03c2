import crypto from "node:crypto";
import type { CommandContext, CommandDefinition, Services } from "./command.ts";
import type { IncomingMessage } from "./context.ts";
import { argumentError } from "./arg-errors.ts";
import { DubanError, NotFoundError } from "./errors.ts";
import { translator, type Locale } from "./i18n/index.ts";
import { parseCommandLine } from "./input.ts";
import { NO_MENTIONS, parseMentions } from "./mentions.ts";
import { authorize, authorizeFiles } from "./permissions.ts";
import { createRegistry, type CommandRegistry } from "./registry.ts";
import { reply, type Reply } from "./reply.ts";

/**
 * Handles text that is not a command: returns replies, or [] to stay silent (ordinary chat).
 * The conversation module plugs the free-text update recogniser in here.
 */
export type FreeTextHandler = (ctx: CommandContext) => Promise<Reply[]>;

export interface Dispatcher {
  readonly registry: CommandRegistry;
  /** Never throws: failures become a reply in the user's language plus one log line. */
  handle(message: IncomingMessage): Promise<Reply[]>;
}

export interface DispatcherOptions {
  commands: readonly CommandDefinition[];
  services: Services;
  freeText?: FreeTextHandler;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const registry = createRegistry(options.commands);
  const { services } = options;

  async function buildContext(message: IncomingMessage): Promise<CommandContext> {
    const { store, settings } = services;
    const [channel, userLocale] = await Promise.all([
      store.getChannel(message.platform, message.channelId),
      store.getUserLocale(message.platform, message.userId),
    ]);
    const locale: Locale = message.locale ?? userLocale ?? channel.locale ?? settings.defaultLocale;
    return {
      message,
      locale,
      t: translator(locale),
      now: services.clock.now(),
      services,
      channel,
      commands: registry.commands,
      isAdmin: settings.admins.includes(`${message.platform}:${message.userId}`),
      mentions: (text) => parseMentions(services.platforms?.mentions(message.platform) ?? NO_MENTIONS, text),
      async requirePlan() {
        const plan = channel.planId === null ? null : await store.getPlan(channel.planId);
        if (!plan) throw new NotFoundError("error.noPlan");
        return plan;
      },
    };
  }

  async function run(message: IncomingMessage, ctx: CommandContext): Promise<Reply[]> {
    // An edited or deleted message is re-read as conversation, never run as a command.
    const edit = message.deleted === true || message.revision !== undefined;
    const line = edit ? null : parseCommandLine(message.text, (w) => (registry.find(w) ? w : null));
    // Files sent to the bot go to the command that takes files (the text is their caption).
    if (!edit && message.attachments?.length && (message.isDirect || message.addressed || line)) {
      const named = line ? registry.find(line.word) : undefined;
      const taker = named?.files ? named : line && named ? undefined : registry.commands.find((c) => c.files);
      if (taker?.files) {
        await authorizeFiles(ctx, taker);
        const out = await taker.files(ctx, message.attachments);
        return Array.isArray(out) ? out : [out];
      }
    }
    if (!line) return options.freeText ? options.freeText(ctx) : [];
    const command = registry.find(line.word);
    if (!command) {
      const suggestion = registry.suggest(line.word);
      return [
        reply(
          [
            {
              type: "text",
              text: ctx.t("error.unknownCommand", {
                name: line.word,
                suggestion: suggestion ? ctx.t("error.didYouMean", { command: `/${suggestion}` }) : "",
              }),
            },
          ],
          { private: true },
        ),
      ];
    }
    const raw = command.input ? command.input(line.rest) : { text: line.rest };
    const parsed = command.args.safeParse(raw);
    if (!parsed.success) throw argumentError(ctx, command, line.rest, raw, parsed.error.issues);
    // The command's declared permission, on the plan of the row it touches: checked here, once.
    await authorize(ctx, command, parsed.data);
    const out = await command.run(ctx, parsed.data);
    return Array.isArray(out) ? out : [out];
  }

  return {
    registry,
    async handle(message) {
      let ctx: CommandContext | undefined;
      try {
        ctx = await buildContext(message);
        const locale = ctx.locale;
        return (await run(message, ctx)).map((r) => (r.locale ? r : { ...r, locale }));
      } catch (err) {
        const locale = ctx?.locale ?? services.settings.defaultLocale;
        const t = translator(locale);
        const where = { platform: message.platform, channel: message.channelId, user: message.userId };
        if (err instanceof DubanError && err.code !== "unavailable") {
          services.log.info({ ...where, code: err.code, key: err.key }, "command refused");
          return [{ ...reply([{ type: "text", text: t(err.key, err.params) }], { private: true }), locale }];
        }
        if (err instanceof DubanError) {
          services.log.warn({ ...where, err: err.cause ?? err }, "store unavailable");
          return [{ ...reply([{ type: "text", text: t(err.key, err.params) }], { private: true }), locale }];
        }
        const ref = crypto.randomBytes(4).toString("hex");
        services.log.error({ ...where, ref, err, text: message.text.slice(0, 200) }, "command failed");
        return [{ ...reply([{ type: "text", text: t("error.internal", { ref }) }], { private: true }), locale }];
      }
    },
  };
}
