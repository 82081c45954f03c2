import { translator, type Locale, type Translator } from "../i18n/index.ts";
import type { TargetView } from "../model.ts";
import { planScope } from "../plan-scope.ts";
import { action, mention, type Block } from "../reply.ts";
import { formatKindValue, formatTargetInput, formatTargetValue } from "./format.ts";
import { computeTargetStatus, type TargetStatus, type TargetStatusResult } from "./status.ts";

/** Where and how a target is shown: the clock, the reader's time zone and language. */
export interface TargetDisplay {
  now: Date;
  timezone: string;
  locale: Locale;
}

export interface TargetFigures {
  status: TargetStatus;
  result: TargetStatusResult;
  statusText: string;
  /** `9.54件`, or `2023年基数` for growth/reduction; null without a baseline. */
  baseline: string | null;
  latest: string | null;
  /** This year's (or the next) milestone as the plan wrote it (a range stays a range). */
  milestone: string | null;
  final: string | null;
  expected: string | null;
}

function milestoneText(target: TargetView, year: number, locale: Locale): string {
  const m = target.milestones.find((x) => x.year === year);
  if (!m) return "—";
  const high = formatKindValue(m.valueMax ?? m.value, target.unit, target.kind, locale);
  if (m.valueMax === null || m.valueMax === m.value) return high;
  return `${formatKindValue(m.value, "", target.kind, locale)}–${high}`;
}

/** The numbers of one target, formatted for its reader. */
export function targetFigures(target: TargetView, display: TargetDisplay): TargetFigures {
  const { locale } = display;
  const tr = translator(locale);
  const result = computeTargetStatus(target, display.now, display.timezone);
  const value = (v: number) => formatKindValue(v, target.unit, target.kind, locale);
  const relative = target.kind === "growth" || target.kind === "reduction";
  const baseline = target.baseline ? (relative ? tr("target.baseYear", { year: target.baseline.year }) : value(target.baseline.value)) : null;
  return {
    status: result.status,
    result,
    statusText: tr(`target.status.${result.status}`),
    baseline,
    latest: target.latest ? value(target.latest.value) : null,
    milestone: result.milestone ? milestoneText(target, result.milestone.year, locale) : null,
    final: result.final ? milestoneText(target, result.final.year, locale) : null,
    expected: result.expected === null ? null : formatKindValue(result.expected, target.unit, target.kind, locale, { approximate: true }),
  };
}

/**
 * One compact line: `3. 知识产权质押融资金额：17.2亿元 → 18.6亿元 → 22亿元（2025）→ 25亿元（2026） · 进度正常`
 * (baseline → latest → this year's milestone → final goal; the milestone is left out when it is
 * the final one).
 */
export function targetLine(target: TargetView, position: number, display: TargetDisplay): string {
  const tr = translator(display.locale);
  const f = targetFigures(target, display);
  const { milestone, final } = f.result;
  const values = [f.baseline ?? "—", f.latest ?? "—"];
  if (milestone && f.milestone && milestone.year !== final?.year) values.push(tr("target.withYear", { value: f.milestone, year: milestone.year }));
  if (final && f.final) values.push(tr("target.withYear", { value: f.final, year: final.year }));
  return tr("target.line", { position, name: target.name, values: values.join(" → "), status: f.statusText });
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** A moment in the reader's time zone and language (`2026年5月20日 10:00`, `May 20, 2026, 10:00`). */
export function formatWhen(at: Date, timezone: string, locale: Locale): string {
  const key = `${locale}|${timezone}`;
  let f = dateFormatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" };
    try {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: timezone });
    } catch {
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    }
    dateFormatters.set(key, f);
  }
  return Number.isNaN(at.getTime()) ? "—" : f.format(at);
}

/** An example value for the report hint: this year's milestone, else the final goal, else the latest value. */
function exampleValue(target: TargetView, result: TargetStatusResult): string {
  const v = result.milestone?.value ?? result.final?.value ?? target.latest?.value ?? target.baseline?.value ?? 1;
  return formatTargetInput(v, target.unit);
}

/**
 * The card of target `position` of plan `planId`: every figure, the status with today's pace, the
 * linked task, how to report (a button that writes only while the channel follows that plan).
 */
export function targetCard(target: TargetView, position: number, display: TargetDisplay, planId: number): Block[] {
  const { locale, timezone } = display;
  const tr = translator(locale);
  const f = targetFigures(target, display);
  const { milestone, final, expected } = f.result;
  const fields: { label: string; value: string }[] = [];
  fields.push({
    label: target.baseline ? tr("target.field.baseline", { year: target.baseline.year }) : tr("target.field.baselineNone"),
    value: f.baseline ?? "—",
  });
  const latest = target.latest;
  const latestText = latest
    ? [f.latest, latest.member && mention(latest.member.platform, latest.member.platformUserId, latest.member.displayName), formatWhen(latest.at, timezone, locale)]
        .filter(Boolean)
        .join(" · ")
    : tr("target.notReported");
  fields.push({ label: tr("target.field.latest"), value: latestText });
  if (milestone && f.milestone && milestone.year !== final?.year) {
    fields.push({ label: tr("target.field.milestone", { year: milestone.year }), value: f.milestone });
  }
  if (final && f.final) fields.push({ label: tr("target.field.final", { year: final.year }), value: f.final });
  const showPace = expected !== null && f.expected !== null && f.status !== "achieved" && f.status !== "no_data";
  fields.push({ label: tr("target.field.status"), value: showPace ? tr("target.expected", { status: f.statusText, expected: f.expected! }) : f.statusText });
  if (target.taskNumber) fields.push({ label: tr("target.field.task"), value: tr("target.task", { number: target.taskNumber }) });
  const example = exampleValue(target, f.result);
  return [
    { type: "header", text: tr("target.card.title", { position, name: target.name }) },
    { type: "fields", fields },
    { type: "context", text: tr("target.hint", { position, example, name: target.name }) },
    {
      type: "actions",
      buttons: [
        {
          ...action("target-report", target.id),
          label: tr("target.button.report"),
          command: `/update ${planScope(planId)} target ${position}`,
          form: {
            title: tr("target.form.title"),
            submitLabel: tr("target.form.submit"),
            fields: [{ id: "value", label: tr("target.form.value", { example }), kind: "text", required: true, placeholder: example }],
            command: `/update ${planScope(planId)} target ${position} {value}`,
          },
        },
      ],
    },
  ];
}
