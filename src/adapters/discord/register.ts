import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  Routes,
  type LocalizationMap,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandDefinition, LogSink } from "../../core/command.ts";
import { LOCALES, translate, type Locale, type MessageKey } from "../../core/i18n/index.ts";
import { toSimplified, toTraditional } from "../../core/text/script.ts";
import { LIMITS, clip } from "./limits.ts";
import { UMBRELLA } from "./parse.ts";
import { DISCORD_LOCALES, discordText, type DiscordKey } from "./text.ts";

export type CommandPayload = RESTPostAPIChatInputApplicationCommandsJSONBody;

const NAME = /^[a-z0-9_-]{1,32}$/;
const HAN_NAME = /^[\u4e00-\u9fff]{1,32}$/;

/**
 * Chinese command names for Chinese Discord clients (`/任务`, `/任務`), from the command's own
 * aliases: the Simplified one for zh-CN, its Traditional alias (or conversion) for zh-TW.
 */
export function localizedNames(c: Pick<CommandDefinition, "aliases">): LocalizationMap | undefined {
  const han = c.aliases.filter((a) => HAN_NAME.test(a));
  const cn = han.find((a) => toSimplified(a) === a);
  if (!cn) return undefined;
  const tw = han.find((a) => a !== cn && toSimplified(a) === cn) ?? toTraditional(cn);
  return { "zh-CN": cn, "zh-TW": tw };
}

function described(text: (locale: Locale) => string, defaultLocale: Locale) {
  const localizations: Record<string, string> = {};
  for (const locale of LOCALES) for (const code of DISCORD_LOCALES[locale]) localizations[code] = clip(text(locale), LIMITS.commandDescription);
  return {
    description: clip(text(defaultLocale), LIMITS.commandDescription),
    description_localizations: localizations as LocalizationMap,
  };
}

/**
 * The application commands for a command list: every command with `slash` metadata as a
 * native command with typed options, plus the umbrella `/duban text:` for the rest.
 * Descriptions come from the i18n catalogs (default language, localised for zh-TW and English).
 */
export function buildCommandPayloads(commands: readonly CommandDefinition[], defaultLocale: Locale, log?: LogSink): CommandPayload[] {
  const key = (k: MessageKey) => (locale: Locale) => translate(locale, k);
  const own = (k: DiscordKey) => (locale: Locale) => discordText(locale, k);
  const common = { type: ApplicationCommandType.ChatInput as const, contexts: [InteractionContextType.Guild, InteractionContextType.BotDM] };
  const payloads: CommandPayload[] = [];
  for (const c of commands) {
    if (!c.slash || c.name === UMBRELLA) continue;
    const bad = [c.name, ...c.slash.options.map((o) => o.name)].find((n) => !NAME.test(n));
    if (bad) {
      log?.warn({ command: c.name, name: bad }, "discord: command or option name is not a valid Discord name; reachable through /duban");
      continue;
    }
    const options = c.slash.options.map((o) => ({
      type: o.type === "integer" ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.String,
      name: o.name,
      ...described(key(o.description), defaultLocale),
      required: o.required,
      ...(o.autocomplete ? { autocomplete: true } : {}),
    }));
    // Discord wants required options first; the text is rebuilt in definition order anyway.
    options.sort((a, b) => Number(b.required) - Number(a.required));
    const names = localizedNames(c);
    payloads.push({
      ...common,
      name: c.name,
      ...(names ? { name_localizations: names } : {}),
      ...described(key(c.summary), defaultLocale),
      options: options as CommandPayload["options"],
    });
  }
  payloads.push({
    ...common,
    name: UMBRELLA,
    ...described(own("discord.cmd.duban"), defaultLocale),
    options: [
      { type: ApplicationCommandOptionType.String, name: "text", ...described(own("discord.opt.text"), defaultLocale), required: false },
    ],
  });
  return payloads;
}

/** The parts of a command Discord stores and we set, with Discord's defaults filled in. */
function canonical(c: any): unknown {
  const loc = (l: Record<string, string> | null | undefined) =>
    Object.fromEntries(Object.entries(l ?? {}).sort(([a], [b]) => a.localeCompare(b)));
  return {
    name: c.name,
    name_localizations: loc(c.name_localizations),
    type: c.type ?? ApplicationCommandType.ChatInput,
    description: c.description,
    description_localizations: loc(c.description_localizations),
    contexts: [...(c.contexts ?? [])].sort(),
    options: (c.options ?? []).map((o: any) => ({
      type: o.type,
      name: o.name,
      description: o.description,
      description_localizations: loc(o.description_localizations),
      required: Boolean(o.required),
      autocomplete: Boolean(o.autocomplete),
    })),
  };
}

/** True when what Discord has is what we would register (order of commands aside). */
export function sameCommands(remote: readonly unknown[], local: readonly CommandPayload[]): boolean {
  if (remote.length !== local.length) return false;
  const byName = new Map(remote.map((c: any) => [c.name as string, JSON.stringify(canonical(c))]));
  return local.every((c) => byName.get(c.name) === JSON.stringify(canonical(c)));
}

/**
 * Registers the commands (to one guild: instant; globally otherwise) only when they differ
 * from what Discord already has, so restarts do not burn the daily command-update quota.
 */
export async function syncCommands(
  rest: REST,
  target: { applicationId: string; guildId?: string },
  payloads: CommandPayload[],
): Promise<"unchanged" | "updated"> {
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.applicationId, target.guildId)
    : Routes.applicationCommands(target.applicationId);
  const remote = (await rest.get(route, { query: new URLSearchParams({ with_localizations: "true" }) })) as unknown[];
  if (sameCommands(remote, payloads)) return "unchanged";
  await rest.put(route, { body: payloads });
  return "updated";
}
