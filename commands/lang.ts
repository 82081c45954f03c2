import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { UsageError } from "../src/core/errors.ts";
import { parseLocale, translator, type Locale, type Translator } from "../src/core/i18n/index.ts";
import { reply, type Reply } from "../src/core/reply.ts";

const ME_WORDS = ["me", "my", "mine", "personal", "self", "我", "我的", "个人", "個人", "自己"];
const RESET_WORDS = ["reset", "clear", "default", "none", "重置", "清除", "默认", "默認", "預設", "恢复", "恢復"];

const isReset = (value: string) => RESET_WORDS.includes(value.toLowerCase());
const languageName = (t: Translator, locale: Locale) => t(`lang.name.${locale}`);

async function show(ctx: CommandContext): Promise<Reply> {
  const { platform, userId } = ctx.message;
  const personal = await ctx.services.store.getUserLocale(platform, userId);
  const { t } = ctx;
  const channel = ctx.channel.locale;
  return reply([
    {
      type: "list",
      items: [
        channel
          ? t("lang.channel", { lang: languageName(t, channel) })
          : t("lang.channelUnset", { lang: languageName(t, ctx.services.settings.defaultLocale) }),
        personal ? t("lang.personal", { lang: languageName(t, personal) }) : t("lang.personalUnset"),
      ],
    },
    { type: "context", text: t("lang.hint") },
  ]);
}

export default defineCommand({
  name: "lang",
  aliases: ["语言", "語言", "language"],
  summary: "cmd.lang.summary",
  usage: "cmd.lang.usage",
  example: "/lang en",
  args: z.object({ scope: z.enum(["channel", "me"]), value: z.string() }),
  input(rest) {
    const [first = "", ...more] = rest.trim().split(/\s+/);
    if (ME_WORDS.includes(first.toLowerCase())) return { scope: "me", value: more.join(" ") };
    return { scope: "channel", value: rest.trim() };
  },
  slash: { options: [{ name: "setting", description: "opt.langSetting", type: "string", required: false }] },
  // Everyone may set their own language; the channel's is its admins' (anyone in a DM or a trial install).
  permission: {
    // An unknown language is answered as such, whoever asks (nothing is written).
    subcommand: (a) => (!a.value ? "show" : !isReset(a.value) && !parseLocale(a.value) ? "unknown" : a.scope),
    rules: {
      channel: { right: "channelAdmin", denied: "lang.denied", params: (a, ctx) => ({ locale: parseLocale(a.value) ?? ctx.locale }) },
      "*": { right: "anyone" },
    },
  },
  async run(ctx, { scope, value }) {
    if (!value) return show(ctx);
    const { store, settings } = ctx.services;
    const { platform, userId, userName, channelId } = ctx.message;
    const reset = isReset(value);
    const locale = reset ? null : parseLocale(value);
    if (!reset && !locale) throw new UsageError("lang.unknown", { input: value });

    if (scope === "me") {
      await store.setUserLocale({ platform, platformUserId: userId, displayName: userName }, locale);
      if (locale) {
        const t = translator(locale);
        return reply([{ type: "text", text: t("lang.personalSet", { lang: languageName(t, locale) }) }]);
      }
      const now = ctx.message.locale ?? ctx.channel.locale ?? settings.defaultLocale;
      const t = translator(now);
      return reply([{ type: "text", text: t("lang.personalReset", { lang: languageName(t, now) }) }]);
    }

    await store.updateChannel(platform, channelId, { locale });
    const channelLocale = locale ?? settings.defaultLocale;
    const t = translator(channelLocale);
    const text = locale
      ? t("lang.channelSet", { lang: languageName(t, locale) })
      : t("lang.channelReset", { lang: languageName(t, channelLocale) });
    const personal = await store.getUserLocale(platform, userId);
    const note = personal && personal !== channelLocale ? [{ type: "context" as const, text: t("lang.personalWins", { lang: languageName(t, personal) }) }] : [];
    return reply([{ type: "text", text }, ...note]);
  },
});
