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
import type { Reply } from "../../core/reply.ts";
import type { ComponentCodec } from "./components.ts";
import { answerInteraction } from "./deliver.ts";
import { LIMITS, clip } from "./limits.ts";
import { UMBRELLA, fillTemplate, slashText, umbrellaText } from "./parse.ts";
import { discordText, localeOf } from "./text.ts";

export interface HandlerDeps {
  dispatcher: Dispatcher;
  services: Services;
  commands: readonly CommandDefinition[];
  codec: ComponentCodec;
  log: LogSink;
  /** Defer (show "thinking…") when the answer is not ready after this long; 0 defers at once. */
  deferAfterMs: number;
}

type Actionable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** Handles every interaction: slash commands, autocomplete, buttons and modal submits. */
export function createInteractionHandler(deps: HandlerDeps) {
  const { services, log, codec } = deps;
  const slashCommands = new Map(deps.commands.filter((c) => c.slash).map((c) => [c.name, c]));
  const localeFor = (i: Interaction) => localeOf(i.locale, services.settings.defaultLocale);

  function incoming(i: Actionable, text: string): IncomingMessage {
    const member = i.member && "displayName" in i.member ? i.member.displayName : null;
    return {
      platform: "discord",
      channelId: i.channelId ?? i.user.id,
      userId: i.user.id,
      userName: member ?? i.user.displayName,
      text,
      messageId: i.id,
      isDirect: !i.inGuild(),
      addressed: true,
      viaCommand: true,
    };
  }

  /** Runs the work, deferring if it takes long, then answers with whatever it returned. */
  async function answer(i: RepliableInteraction, work: () => Promise<Reply[]>): Promise<void> {
    let deferring: Promise<unknown> | undefined;
    const defer = () => (deferring = i.deferReply().catch((err) => log.warn({ err, interaction: i.id }, "discord: defer failed")));
    const timer = deps.deferAfterMs > 0 ? setTimeout(defer, deps.deferAfterMs) : (defer(), undefined);
    let replies: Reply[];
    try {
      replies = await work();
    } finally {
      clearTimeout(timer);
    }
    await deferring;
    await answerInteraction(i, replies, codec, discordText(localeFor(i), "discord.done"));
  }

  const dispatch = (i: Actionable, text: string) => answer(i, () => deps.dispatcher.handle(incoming(i, text)));

  function commandText(i: ChatInputCommandInteraction): string {
    if (i.commandName === UMBRELLA) return umbrellaText(i.options.getString("text"));
    const definition = slashCommands.get(i.commandName);
    // A command Discord still lists but this build no longer has: the dispatcher explains.
    if (!definition) return `/${i.commandName}`;
    return slashText(definition, (name) => i.options.get(name)?.value);
  }

  async function onButton(i: ButtonInteraction): Promise<void> {
    const decoded = codec.decodeButton(i.customId);
    if (!decoded) return void (await i.deferUpdate());
    if (decoded.kind === "form") return void (await i.showModal(codec.modal(decoded.form)));
    if (decoded.kind === "command") return dispatch(i, decoded.command);
    await i.reply({ content: discordText(localeFor(i), "discord.button.expired"), flags: MessageFlags.Ephemeral });
  }

  async function onModal(i: ModalSubmitInteraction): Promise<void> {
    const decoded = codec.decodeModal(i.customId);
    if (decoded?.kind !== "template") {
      return void (await i.reply({ content: discordText(localeFor(i), "discord.button.expired"), flags: MessageFlags.Ephemeral }));
    }
    const answers: Record<string, string> = {};
    for (const [id, field] of i.fields.fields) {
      if ("value" in field && typeof field.value === "string") answers[id] = field.value;
      else if ("values" in field && Array.isArray(field.values)) answers[id] = field.values.join(" ");
    }
    return dispatch(i, fillTemplate(decoded.command, answers));
  }

  async function onAutocomplete(i: AutocompleteInteraction): Promise<void> {
    const focused = i.options.getFocused(true);
    const option = slashCommands.get(i.commandName)?.slash?.options.find((o) => o.name === focused.name);
    if (!option?.autocomplete) return void (await i.respond([]));
    const channel = await services.store.getChannel("discord", i.channelId ?? i.user.id);
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
        log.warn({ err, command: i.commandName }, "discord: autocomplete failed");
        if (!i.responded) await i.respond([]).catch(() => undefined);
      }
      return;
    }
    if (!i.isChatInputCommand() && !i.isButton() && !i.isModalSubmit()) return;
    let fresh = true;
    try {
      fresh = await services.store.claimEvent("discord", `interaction:${i.id}`);
    } catch (err) {
      log.warn({ err, interaction: i.id }, "discord: could not record the interaction id; handling it anyway");
    }
    if (!fresh) return void log.info({ interaction: i.id }, "discord: duplicate interaction ignored");
    if (i.isChatInputCommand()) return dispatch(i, commandText(i));
    if (i.isButton()) return onButton(i);
    return onModal(i);
  };
}
