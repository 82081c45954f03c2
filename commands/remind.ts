import { defineCommand } from "../src/core/command.ts";
import { parseChineseInteger } from "../src/core/text/numerals.ts";
import { translator } from "../src/core/i18n/index.ts";
import { actionArgs, privateText, scheduleRules, setSchedule, showStatus, turnOff } from "../src/digest/schedule-commands.ts";
import { dayTime } from "../src/digest/text.ts";

const ACTIONS = {
  pause: ["pause", "snooze", "暂停", "暫停"],
  resume: ["resume", "恢复", "恢復", "继续", "繼續"],
  schedule: ["schedule", "set", "设置", "設定", "定时", "定時"],
  off: ["off", "stop", "关闭", "關閉", "停止"],
  status: ["status", "状态", "狀態"],
} as const;

export const MAX_PAUSE_DAYS = 365;

export default defineCommand({
  name: "remind",
  aliases: ["提醒"],
  summary: "cmd.remind.summary",
  usage: "cmd.remind.usage",
  example: "/remind pause 7",
  ...actionArgs(ACTIONS),
  // Pausing and resuming are the asker's own reminders; the channel's schedule is the plan admins'.
  permission: { subcommand: (a) => a.action, rules: { ...scheduleRules("remind"), "*": { right: "anyone" } } },
  slash: {
    options: [
      { name: "action", description: "opt.remindAction", type: "string", required: false },
      { name: "args", description: "opt.scheduleArgs", type: "string", required: false },
    ],
  },
  async run(ctx, { action, tokens }) {
    if (action === "schedule") return setSchedule(ctx, "remind", tokens);
    if (action === "off") return turnOff(ctx, "remind");
    const t = translator(ctx.locale);
    const schedules = ctx.services.schedules;
    const { platform, userId, userName } = ctx.message;
    const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
    if (action === "status") {
      const status = await showStatus(ctx, "remind");
      const until = await schedules.getRemindPause(platform, userId);
      if (!until || until <= ctx.now) return status;
      return { ...status, blocks: [...status.blocks, { type: "context", text: t("remind.pausedUntil", { date: dayTime(until, tz) }) }] };
    }
    const member = { platform, platformUserId: userId, displayName: userName };
    if (action === "resume") {
      await schedules.setRemindPause(member, null);
      return privateText(t("remind.resumed"));
    }
    const days = parseChineseInteger(tokens.join("").replace(/(天|日|days?|d)$/i, ""));
    if (days === null || days < 1 || days > MAX_PAUSE_DAYS) return privateText(t("remind.badDays", { max: MAX_PAUSE_DAYS }));
    const until = new Date(ctx.now.getTime() + days * 86_400_000);
    await schedules.setRemindPause(member, until);
    return privateText(t("remind.paused", { date: dayTime(until, tz) }));
  },
});
