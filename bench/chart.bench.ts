// Chart render time: the SVG built from counts, then rasterised by resvg with the bundled Noto
// Sans SC (loaded from node_modules on every render). Standalone: `npx tsx bench/chart.bench.ts`.
// `runChartBench` returns a section for bench/run.ts.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { translator } from "../src/core/i18n/index.ts";
import type { TargetView } from "../src/core/model.ts";
import { FONT_FAMILY, rasterise } from "../src/reports/charts/render.ts";
import { targetBars, targetsSvg } from "../src/reports/charts/targets.ts";
import { unitStatusSvg, type UnitCounts } from "../src/reports/charts/unit-status.ts";
import { median, round, type BenchSection } from "./lib.ts";

const t = translator("zh-CN");
const NOW = new Date("2026-11-20T02:00:00Z");
const SUBTITLE = "深圳市关于打造国家知识产权强市推动经济高质量发展的工作方案 · 截至 2026-11-20 10:00";

/** 20 units (the most a chart shows one by one), a few dozen tasks each. */
function unitRows(): UnitCounts[] {
  return Array.from({ length: 20 }, (_, i) => {
    const counts = { done: (i * 7) % 11, in_progress: (i * 5) % 9 + 1, blocked: i % 3, not_started: (i * 3) % 13 };
    return { unit: `深圳市第${i + 1}责任单位（局）`, counts, total: counts.done + counts.in_progress + counts.blocked + counts.not_started };
  });
}

/** 24 targets (the most a chart shows), half with a latest value. */
function targets(): TargetView[] {
  return Array.from({ length: 24 }, (_, i) => ({
    id: i + 1,
    name: `知识产权质押融资金额（第${i + 1}项指标）`,
    unit: "亿元",
    comparator: ">=",
    kind: "level",
    baseline: { year: 2024, value: 10 },
    milestones: [
      { year: 2025, value: 20, valueMax: null },
      { year: 2027, value: 40, valueMax: null },
    ],
    taskNumber: null,
    latest: i % 2 ? { value: 15 + i, at: NOW, member: null, updateId: i } : null,
  }));
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return round(median(samples), 1);
}

export async function runChartBench(): Promise<BenchSection> {
  const units = () => unitStatusSvg({ title: t("chart.units.title"), subtitle: SUBTITLE, rows: unitRows(), t, family: FONT_FAMILY });
  const pace = () =>
    targetsSvg({ title: t("chart.targets.title"), subtitle: SUBTITLE, bars: targetBars(targets(), { now: NOW, timezone: "Asia/Shanghai", locale: "zh-CN" }, t), more: 0, t, family: FONT_FAMILY });
  const t0 = performance.now();
  const first = await rasterise(units().svg);
  const coldMs = performance.now() - t0;
  const svgMs = await time(async () => units(), 20);
  const unitsMs = await time(() => rasterise(units().svg), 10);
  const targetsMs = await time(() => rasterise(pace().svg), 10);
  const targetsPng = await rasterise(pace().svg);
  return {
    name: "Charts: SVG built in-process, rasterised by resvg with the bundled CJK font",
    rows: [
      { metric: "first render (loads resvg, font)", value: round(coldMs, 0), unit: "ms", note: `${first.width}×${first.height}` },
      { metric: "units chart: build SVG", value: svgMs, unit: "ms", note: "20 units, median of 20" },
      { metric: "units chart: SVG to PNG", value: unitsMs, unit: "ms", note: "median of 10" },
      { metric: "targets chart: SVG to PNG", value: targetsMs, unit: "ms", note: "24 targets, median of 10" },
      { metric: "units chart PNG size", value: first.png.length, unit: "bytes" },
      { metric: "targets chart PNG size", value: targetsPng.png.length, unit: "bytes", note: `${targetsPng.width}×${targetsPng.height}` },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const s = await runChartBench();
  console.log(`\n${s.name}`);
  const width = Math.max(...s.rows.map((r) => r.metric.length));
  for (const r of s.rows) console.log(`  ${r.metric.padEnd(width)}  ${String(r.value).padStart(10)} ${r.unit}${r.note ? `  ${r.note}` : ""}`);
}
