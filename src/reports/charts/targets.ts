import type { Locale, Translator } from "../../core/i18n/index.ts";
import type { TargetView } from "../../core/model.ts";
import { formatKindValue } from "../../core/targets/format.ts";
import type { TargetStatus } from "../../core/targets/status.ts";
import { targetFigures } from "../../core/targets/view.ts";
import { document, fit, heading, r, rect, swatches, text, textWidth, type ChartSvg, type LabelBox } from "./svg.ts";

export const PACE_COLOURS: Record<TargetStatus, string> = {
  achieved: "#3a9a5b",
  on_track: "#3f7fbf",
  behind: "#e0a030",
  at_risk: "#d0483e",
  no_data: "#c9cdd2",
};

/** One target's row: its latest value, the pace expected today and this year's milestone, on one scale. */
export interface TargetBar {
  name: string;
  status: TargetStatus;
  /** 0..1 of the row's scale; null without data. */
  latest: number | null;
  expected: number | null;
  milestone: number | null;
  caption: string;
}

/** Targets shown; the rest are left to /target and the export. */
export const MAX_TARGETS = 24;

/**
 * Each target on its own scale (the largest of its latest value, the pace expected today and this
 * year's milestone, or the final goal once the years are over), with a caption in words.
 */
export function targetBars(targets: readonly TargetView[], display: { now: Date; timezone: string; locale: Locale }, t: Translator): TargetBar[] {
  return targets.slice(0, MAX_TARGETS).map((target) => {
    const f = targetFigures(target, display);
    const goal = f.result.milestone ?? f.result.final;
    const latest = target.latest?.value ?? null;
    const values = [latest, f.result.expected, goal?.value ?? null].filter((v): v is number => v !== null && Number.isFinite(v));
    const top = Math.max(0, ...values) || 1;
    const share = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Math.max(0, Math.min(1, v / top)));
    const value = (v: number) => formatKindValue(v, target.unit, target.kind, display.locale);
    const parts = [
      latest !== null ? t("chart.targets.latest", { value: value(latest) }) : t("chart.targets.noData"),
      ...(f.expected ? [t("chart.targets.expected", { value: f.expected })] : []),
      ...(goal && f.milestone ? [t("chart.targets.milestone", { year: goal.year, value: f.milestone })] : []),
      ...(latest !== null ? [f.statusText] : []),
    ];
    return {
      name: target.name,
      status: f.status,
      latest: share(latest),
      expected: share(f.result.expected),
      milestone: share(goal?.value),
      caption: parts.join(" · "),
    };
  });
}

export interface TargetsChart {
  title: string;
  subtitle: string;
  bars: TargetBar[];
  /** How many targets were left out (over {@link MAX_TARGETS}). */
  more: number;
  t: Translator;
  family: string;
}

const W = 960;
const PAD = 24;
const LABEL_W = 300;
const ROW = 46;
const BAR = 14;
const FONT = 14;

/** A bullet-style bar per target: the latest value coloured by pace status, a tick at the expected pace, a diamond at the milestone. */
export function targetsSvg(c: TargetsChart): ChartSvg {
  const body: string[] = [];
  const labels: LabelBox[] = [];
  heading(body, PAD, c.title, c.subtitle);
  // Legend: the four statuses, the pace tick, the milestone diamond.
  const ly = PAD + 62;
  const statuses = (["achieved", "on_track", "behind", "at_risk"] as const).map((s) => ({ name: c.t(`target.status.${s}`), colour: PACE_COLOURS[s] }));
  let lx = swatches(body, statuses, PAD, ly, 20);
  body.push(`<line x1="${lx + 7}" y1="${ly - 2}" x2="${lx + 7}" y2="${ly + 16}" stroke="#1f2328" stroke-width="2.5"/>`);
  body.push(text(lx + 16, ly + 12, c.t("chart.legend.pace"), { "font-size": 13, fill: "#1f2328" }));
  lx += 16 + textWidth(c.t("chart.legend.pace"), 13) + 20;
  body.push(diamond(lx + 7, ly + 7));
  body.push(text(lx + 18, ly + 12, c.t("chart.legend.milestone"), { "font-size": 13, fill: "#1f2328" }));

  const top = ly + 32;
  const x0 = PAD + LABEL_W + 12;
  const x1 = W - PAD;
  const span = x1 - x0 - 8; // room for the milestone diamond at the end
  if (!c.bars.length) body.push(text(PAD, top + 20, c.t("chart.noTargets"), { "font-size": FONT, fill: "#57606a" }));
  c.bars.forEach((bar, i) => {
    const y = top + i * ROW;
    const lines = wrap(bar.name, FONT, LABEL_W);
    lines.forEach((line, k) => body.push(text(PAD, y + 16 + k * 18, line, { "font-size": FONT, fill: "#1f2328" })));
    labels.push({ text: lines.join(""), x: PAD, y, width: LABEL_W, height: ROW - 6 });
    const by = y + 4;
    body.push(rect({ x: x0, y: by, width: span, height: BAR }, "#eef0f2", ' rx="2"'));
    if (bar.latest !== null) body.push(rect({ x: x0, y: by, width: bar.latest * span, height: BAR }, PACE_COLOURS[bar.status], ' rx="2"'));
    if (bar.expected !== null) {
      const x = r(x0 + bar.expected * span);
      body.push(`<line x1="${x}" y1="${by - 4}" x2="${x}" y2="${by + BAR + 4}" stroke="#1f2328" stroke-width="2.5"/>`);
    }
    if (bar.milestone !== null) body.push(diamond(x0 + bar.milestone * span, by + BAR / 2));
    body.push(text(x0, by + BAR + 17, fit(bar.caption, 12, span), { "font-size": 12, fill: "#57606a" }));
  });
  let bottom = top + Math.max(1, c.bars.length) * ROW;
  if (c.more > 0) {
    body.push(text(PAD, bottom + 10, c.t("chart.targets.more", { count: c.more }), { "font-size": 12, fill: "#57606a" }));
    bottom += 18;
  }
  const height = bottom + 16;
  return { svg: document(W, height, c.family, body), width: W, height, labels };
}

function diamond(cx: number, cy: number): string {
  const s = 6;
  return `<path d="M${r(cx)} ${r(cy - s)} L${r(cx + s)} ${r(cy)} L${r(cx)} ${r(cy + s)} L${r(cx - s)} ${r(cy)} Z" fill="#ffffff" stroke="#1f2328" stroke-width="1.8"/>`;
}

/** At most two lines of `max` px; the second ends with an ellipsis when it still does not fit. */
function wrap(text: string, size: number, max: number): string[] {
  if (textWidth(text, size) <= max) return [text];
  const chars = [...text];
  let cut = chars.length;
  while (cut > 1 && textWidth(chars.slice(0, cut).join(""), size) > max) cut--;
  return [chars.slice(0, cut).join(""), fit(chars.slice(cut).join(""), size, max)];
}
