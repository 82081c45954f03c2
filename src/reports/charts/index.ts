import { translator, type Locale } from "../../core/i18n/index.ts";
import type { ReplyFile } from "../../core/reply.ts";
import type { Store } from "../../core/store.ts";
import { localDate, localDateTime } from "../../core/tz.ts";
import { FONT_FAMILY, rasterise } from "./render.ts";
import type { ChartSvg } from "./svg.ts";
import { MAX_TARGETS, targetBars, targetsSvg } from "./targets.ts";
import { countByUnit, unitStatusSvg } from "./unit-status.ts";

export type ChartKind = "units" | "targets";

export interface ChartRequest {
  planId: number;
  kind: ChartKind;
  now: Date;
  timezone: string;
  locale: Locale;
}

export interface ChartResult {
  file: ReplyFile;
  plan: { slug: string; title: string };
  /** What the chart shows in words: units or targets drawn. */
  count: number;
}

/** The SVG of a chart of a plan (pure; the tests look at its label boxes). */
export async function chartSvg(store: Store, req: ChartRequest): Promise<{ chart: ChartSvg; plan: { slug: string; title: string }; count: number } | null> {
  const plan = await store.getPlan(req.planId);
  if (!plan) return null;
  const t = translator(req.locale);
  const subtitle = t("chart.asOf", { plan: plan.title, time: localDateTime(req.now, req.timezone).replace("T", " ") });
  if (req.kind === "units") {
    const rows = countByUnit(await store.listTaskRows(plan.id), { noUnit: t("chart.noUnit"), others: (count) => t("chart.others", { count }) });
    return { chart: unitStatusSvg({ title: t("chart.units.title"), subtitle, rows, t, family: FONT_FAMILY }), plan, count: rows.length };
  }
  const targets = await store.listTargets(plan.id);
  const bars = targetBars(targets, req, t);
  const more = Math.max(0, targets.length - MAX_TARGETS);
  return { chart: targetsSvg({ title: t("chart.targets.title"), subtitle, bars, more, t, family: FONT_FAMILY }), plan, count: bars.length };
}

/** A chart of a plan as a PNG file for a reply. */
export async function chartPlan(store: Store, req: ChartRequest): Promise<ChartResult | null> {
  const made = await chartSvg(store, req);
  if (!made) return null;
  const raster = await rasterise(made.chart.svg);
  const t = translator(req.locale);
  return {
    file: {
      name: `duban-${made.plan.slug}-${req.kind}-${localDate(req.now, req.timezone)}.png`,
      mime: "image/png",
      data: raster.png,
      title: `${made.plan.title} · ${t(req.kind === "units" ? "chart.units.title" : "chart.targets.title")}`,
    },
    plan: { slug: made.plan.slug, title: made.plan.title },
    count: made.count,
  };
}
