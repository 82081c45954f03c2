import { defineCommand } from "../src/core/command.ts";
import { buildDigest } from "../src/digest/brief.ts";
import { buildDigestDetail } from "../src/digest/build.ts";
import { loadDigestData } from "../src/digest/data.ts";
import { actionArgs, previewWindow, scheduleRules, setSchedule, showStatus, turnOff } from "../src/digest/schedule-commands.ts";
import { isLocale, translator } from "../src/core/i18n/index.ts";

const ACTIONS = {
  schedule: ["schedule", "set", "设置", "設定", "定时", "定時"],
  off: ["off", "stop", "关闭", "關閉", "停止"],
  status: ["status", "状态", "狀態"],
  preview: ["preview", "预览", "預覽"],
  now: ["now", "send", "立即发送", "立即發送", "立即", "发送", "發送"],
  full: ["full", "detail", "details", "完整", "详情", "詳情", "明细", "明細"],
} as const;

export default defineCommand({
  name: "digest",
  aliases: ["简报", "簡報"],
  summary: "cmd.digest.summary",
  usage: "cmd.digest.usage",
  example: "/digest schedule 0 9 * * 1",
  ...actionArgs(ACTIONS),
  // Sending now posts to the whole channel: as changing the schedule, for the plan's admins.
  permission: { subcommand: (a) => a.action, rules: { ...scheduleRules("digest"), now: { right: "planAdmin" }, "*": { right: "anyone" } } },
  slash: {
    options: [
      { name: "action", description: "opt.digestAction", type: "string", required: false },
      { name: "args", description: "opt.scheduleArgs", type: "string", required: false },
    ],
  },
  async run(ctx, { action, tokens }) {
    if (action === "schedule") return setSchedule(ctx, "digest", tokens);
    if (action === "off") return turnOff(ctx, "digest");
    if (action === "status") return showStatus(ctx, "digest");
    const plan = await ctx.requirePlan();
    const { store, settings } = ctx.services;
    const schedules = ctx.services.schedules;
    const schedule = await schedules.getSchedule(ctx.message.platform, ctx.message.channelId, "digest");
    const window = previewWindow(schedule, ctx.now, ctx.channel.timezone ?? settings.timezone);
    const data = await loadDigestData({ store, schedules }, plan.id, window);
    const shared = schedule?.locale && isLocale(schedule.locale) ? schedule.locale : (ctx.channel.locale ?? ctx.locale);
    const locale = action === "preview" ? ctx.locale : shared;
    const options = { locale, now: ctx.now, timezone: window.timezone, staleDays: settings.staleDays, window };
    if (action === "full") {
      const detail = buildDigestDetail(data!, { ...options, locale: ctx.locale });
      return { blocks: [{ type: "context", text: translator(ctx.locale)("digest.fullNote") }, ...detail.blocks], private: true };
    }
    const digest = buildDigest(data!, options);
    if (action === "now") return digest;
    return { blocks: [{ type: "context", text: translator(locale)("digest.previewNote") }, ...digest.blocks], private: true };
  },
});
