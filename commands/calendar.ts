import { z } from "zod";
import { defineCommand, type CommandContext } from "../src/core/command.ts";
import { UsageError } from "../src/core/errors.ts";
import { reply } from "../src/core/reply.ts";
import { addDays, localDate } from "../src/core/tz.ts";
import { calendarYearInfo, calendarYears } from "../src/scheduler/calendar.ts";

/** `2027-02-06–02-13` for consecutive days, joined by the locale's separator. */
function ranges(ctx: CommandContext, dates: string[]): string {
  const out: string[] = [];
  let start = dates[0]!;
  let prev = start;
  for (const d of [...dates.slice(1), ""]) {
    if (d && d === addDays(prev, 1)) {
      prev = d;
      continue;
    }
    out.push(start === prev ? start : `${start}–${prev.slice(5)}`);
    start = prev = d;
  }
  return out.join(ctx.t("calendar.sep"));
}

/** `2004–2026、2027` from a sorted list of years. */
function yearRanges(ctx: CommandContext, years: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    out.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return out.join(ctx.t("calendar.sep"));
}

export default defineCommand({
  name: "calendar",
  aliases: ["日历", "日曆", "节假日", "節假日", "holidays"],
  permission: { right: "anyone" },
  summary: "cmd.calendar.summary",
  usage: "cmd.calendar.usage",
  args: z.object({ year: z.union([z.literal(""), z.string().regex(/^\d{4}$/)]) }),
  input: (rest) => ({ year: rest.trim().replace(/年$/, "") }),
  async run(ctx, { year: asked }) {
    const tz = ctx.channel.timezone ?? ctx.services.settings.timezone;
    const year = asked ? Number(asked) : Number(localDate(ctx.now, tz).slice(0, 4));
    if (year < 1900 || year > 2200) throw new UsageError("error.usage", { usage: ctx.t("cmd.calendar.usage") });
    const known = ctx.t("calendar.known", { years: yearRanges(ctx, calendarYears()) });
    const info = calendarYearInfo(year);
    const title = { type: "header" as const, text: ctx.t("calendar.title", { year }) };
    if (!info) return reply([title, { type: "text", text: ctx.t("calendar.unknown", { year }) }, { type: "context", text: known }]);
    const en = ctx.locale === "en";
    const byName = new Map<string, { off: string[]; makeup: string[] }>();
    for (const d of info.days) {
      const name = (en ? d.en : null) ?? d.zh;
      if (!byName.has(name)) byName.set(name, { off: [], makeup: [] });
      byName.get(name)![d.offDay ? "off" : "makeup"].push(d.date);
    }
    const items = [...byName].flatMap(([name, g]) => [
      ...(g.off.length ? [ctx.t("calendar.off", { name, dates: ranges(ctx, g.off) })] : []),
      ...(g.makeup.length ? [ctx.t("calendar.makeup", { name, dates: ranges(ctx, g.makeup) })] : []),
    ]);
    return reply([
      title,
      { type: "list", items },
      { type: "context", text: `${ctx.t(info.source === "file" ? "calendar.source.file" : "calendar.source.package")} · ${known}` },
    ]);
  },
});
