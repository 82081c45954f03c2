import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from "discord.js";
import type { CommandDefinition, LogSink, Services } from "../../core/command.ts";
import type { IncomingMessage } from "../../core/context.ts";
import type { Dispatcher } from "../../core/dispatcher.ts";
import type { Inbound } from "../../core/inbound.ts";
import { fillFormCommand, type Reply } from "../../core/reply.ts";
import type { ComponentCodec } from "./components.ts";
import { answerInteraction, type FollowUps } from "./deliver.ts";
import { loggable } from "./errors.ts";
import { LIMITS, clip } from "./limits.ts";
import { UMBRELLA, conversationId, slashText, umbrellaText } from "./parse.ts";
import { discordText, localeOf } from "./text.ts";

export interface HandlerDeps {
  /** The core's inbound path: dedupe, relevance, dispatch, in-flight tracking. */
  inbound: Inbound;
  dispatcher: Dispatcher;
  services: Services;
  commands: readonly CommandDefinition[];
  codec: ComponentCodec;
  log: LogSink;
  /** Defer (show "thinking…") when the answer is not ready after this long; 0 defers at once. */
  deferAfterMs: number;
}

/** Interactions also need the REST their follow-ups go through (`followUpRest` in deliver.ts). */
export type InteractionDeps = HandlerDeps & { followUps: FollowUps["rest"] };

type Actionable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** Handles every interaction: slash commands, autocomplete, buttons and modal submits. */
export function createInteractionHandler(deps: InteractionDeps) {
  const { services, log, codec } = deps;
  const followUps: FollowUps = { rest: deps.followUps, log };
  const slashCommands = new Map(deps.commands.filter((c) => c.slash).map((c) => [c.name, c]));
  const localeFor = (i: Interaction) => localeOf(i.locale, services.settings.defaultLocale);

  function incoming(i: Actionable, text: string): IncomingMessage {
    const member = i.member && "displayName" in i.member ? i.member.displayName : null;
    return {
      platform: "discord",
      channelId: conversationId(i.channel, i.channelId ?? i.user.id),
      userId: i.user.id,
      userName: member ?? i.user.displayName,
      text,
      messageId: i.id,
      isDirect: !i.inGuild(),
      addressed: true,
      viaCommand: true,
      // A click, or a form a button opened (not a slash command).
      ...(i.isChatInputCommand() ? {} : { button: true }),
    };
  }

  /** False when this interaction id was seen before (a gateway replay): it is answered already. */
  const claim = (i: Interaction) => deps.inbound.claim("discord", `interaction:${i.id}`);

  /**
   * Claims the interaction and dispatches the text, deferring ("thinking…") if the answer is not
   * ready in time — the clock starts before the claim, so a slow store cannot miss Discord's 3 s.
   * `inPlace` (a paging button): the answer edits the message the button was on, and deferring
   * acknowledges the click without a "thinking…" message.
   */
  async function dispatch(i: Actionable, text: () => string, inPlace = false): Promise<void> {
    let deferring: Promise<unknown> | undefined;
    const start = () => (inPlace && i.isButton() ? i.deferUpdate() : i.deferReply());
    const defer = () => (deferring = start().catch((err) => log.warn({ err: loggable(err), interaction: i.id }, "discord: defer failed")));
    const timer = deps.deferAfterMs > 0 ? setTimeout(defer, deps.deferAfterMs) : (defer(), undefined);
    let replies: Reply[] | null;
    try {
      replies = await deps.inbound.receive({ eventId: `interaction:${i.id}`, message: incoming(i, text()) });
    } finally {
      clearTimeout(timer);
    }
    await deferring;
    if (replies) await answerInteraction(i, replies, codec, discordText(localeFor(i), "discord.done"), followUps, inPlace);
  }

  function commandText(i: ChatInputCommandInteraction): string {
    if (i.commandName === UMBRELLA) return umbrellaText(i.options.getString("text"));
    const definition = slashCommands.get(i.commandName);
    // A command Discord still lists but this build no longer has: the dispatcher explains.
    if (!definition) return `/${i.commandName}`;
    return slashText(definition, (name) => i.options.get(name)?.value);
  }

  async function onButton(i: ButtonInteraction): Promise<void> {
    const decoded = codec.decodeButton(i.customId);
    // Opening a form stores nothing, and a replayed click cannot show a second modal: no claim.
    if (!decoded) return void (await i.deferUpdate());
    if (decoded.kind === "form") return void (await i.showModal(codec.modal(decoded.form)));
    if (decoded.kind === "command") return dispatch(i, () => decoded.command, decoded.inPlace);
    if (await claim(i)) await i.reply({ content: discordText(localeFor(i), "discord.button.expired"), flags: MessageFlags.Ephemeral });
  }

  async function onModal(i: ModalSubmitInteraction): Promise<void> {
    const decoded = codec.decodeModal(i.customId);
    if (decoded?.kind !== "template") {
      if (!(await claim(i))) return;
      return void (await i.reply({ content: discordText(localeFor(i), "discord.button.expired"), flags: MessageFlags.Ephemeral }));
    }
    const answers: Record<string, string> = {};
    for (const [id, field] of i.fields.fields) {
      if ("value" in field && typeof field.value === "string") answers[id] = field.value;
      else if ("values" in field && Array.isArray(field.values)) answers[id] = field.values.join(" ");
    }
    return dispatch(i, () => fillFormCommand(decoded.command, answers));
  }

  async function onAutocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    const option = slashCommands.get(i.commandName)?.slash?.options.find((o) => o.name === focused.name);
    if (!option?.autocomplete) return void (await i.respond([]));
    const channel = await services.store.getChannel("discord", conversationId(i.channel, i.channelId ?? i.user.id));
    const found = await services.store.suggest(option.autocomplete, channel.planId, String(focused.value ?? ""), LIMITS.choices);
    const choices = found
      .filter((s) => s.value.length <= LIMITS.choiceName && (option.type !== "integer" || Number.isInteger(Number(s.value))))
      .slice(0, LIMITS.choices)
      .map((s) => ({ name: clip(s.label, LIMITS.choiceName), value: option.type === "integer" ? Number(s.value) : s.value }));
    await i.respond(choices);
  }

  return async function onInteraction(i: Interaction): Promise<void> {
    if (i.isAutocomplete()) {
      try {
        await onAutocomplete(i);
      } catch (err) {
        log.warn({ err: loggable(err), command: i.commandName }, "discord: autocomplete failed");
        if (!i.responded) await i.respond([]).catch(() => undefined);
      }
      return;
    }
    if (i.isChatInputCommand()) return dispatch(i, () => commandText(i));
    if (i.isButton()) return onButton(i);
    if (i.isModalSubmit()) return onModal(i);
  };
}
