import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import { translator } from "../../src/core/i18n/index.ts";
import type { TaskRow, TaskStatus } from "../../src/core/model.ts";
import type { Reply } from "../../src/core/reply.ts";
import { parsePlanDocument } from "../../src/importer/index.ts";
import { FONT_FAMILY, rasterise, type Raster } from "../../src/reports/charts/render.ts";
import type { Box } from "../../src/reports/charts/svg.ts";
import { countByUnit, unitStatusSvg, type UnitCounts } from "../../src/reports/charts/unit-status.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { ROOT } from "../helpers/cli.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { fakePoster, testScheduler } from "../scheduler/fakes.ts";
import { addSchedule, disableAll, planDatabase } from "../scheduler/setup.ts";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const t = translator("zh-CN");

/** Width and height from a PNG's IHDR chunk (after checking the signature). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  expect(new TextDecoder().decode(png.subarray(12, 16))).toBe("IHDR");
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The RGBA bytes of a box of the image. */
function region(image: Raster, box: Box): Uint8Array {
  const x0 = Math.floor(box.x);
  const y0 = Math.floor(box.y);
  const w = Math.ceil(box.width);
  const h = Math.ceil(box.height);
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) out.set(image.pixels.subarray(((y0 + y) * image.width + x0) * 4, ((y0 + y) * image.width + x0 + w) * 4), y * w * 4);
  return out;
}

/** Pixels that are not the white page. */
const inked = (bytes: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < bytes.length; i += 4) if (bytes[i]! < 200 || bytes[i + 1]! < 200 || bytes[i + 2]! < 200) n++;
  return n;
};
const differing = (a: Uint8Array, b: Uint8Array) => {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  return n;
};

const counts = (done: number, in_progress: number, blocked: number, not_started: number): Record<TaskStatus, number> => ({ done, in_progress, blocked, not_started });
const rowsNamed = (names: string[]): UnitCounts[] => names.map((unit, i) => ({ unit, counts: counts(i + 1, 2, i % 2, 3), total: i + 6 + (i % 2) }));
const chartOf = (names: string[]) => unitStatusSvg({ title: t("chart.units.title"), subtitle: "深圳市知识产权保护计划 · 截至 2026-11-20 10:00", rows: rowsNamed(names), t, family: FONT_FAMILY });

describe("chart rendering (resvg with the bundled Noto Sans SC)", () => {
  const UNITS = ["市市场监管局", "市公安局", "市司法局"];
  // Private-use code points have no glyph in any font: each is drawn as the font's missing-glyph box.
  const TOFU = UNITS.map((u) => "\uE000".repeat([...u].length));
  let real: Raster;
  let tofu: Raster;
  let other: Raster;
  let chart: ReturnType<typeof chartOf>;

  beforeAll(async () => {
    chart = chartOf(UNITS);
    real = await rasterise(chart.svg);
    tofu = await rasterise(chartOf(TOFU).svg);
    other = await rasterise(chartOf(["市人民检察院", "市财政局", "市教育局"]).svg);
  });

  it("is a PNG of the chart's size", () => {
    expect(pngSize(real.png)).toEqual({ width: chart.width, height: chart.height });
    expect(chart.width).toBe(960);
    expect(chart.height).toBeGreaterThan(150);
  });

  it("draws each Chinese unit label (ink in its box), and not as missing-glyph boxes", () => {
    for (const [i, label] of chart.labels.entries()) {
      const drawn = region(real, label);
      expect(inked(drawn), label.text).toBeGreaterThan(40);
      // The same number of missing-glyph boxes looks different from the real characters.
      expect(differing(drawn, region(tofu, label)), label.text).toBeGreaterThan(40);
      // And other characters look different: boxes would all look alike.
      expect(differing(drawn, region(other, label)), label.text).toBeGreaterThan(40);
      expect(label.text).toBe(UNITS[i]);
    }
    // The missing-glyph box itself is drawn (so the comparison above is with something).
    expect(inked(region(tofu, chart.labels[0]!))).toBeGreaterThan(20);
  });

  it("draws the legend in Chinese too, and the bars in the status colours", () => {
    // The legend sits between the subtitle and the first row; 已完成 at the left.
    const legend = { x: 24 + 20, y: 24 + 60, width: 42, height: 18 };
    expect(inked(region(real, legend))).toBeGreaterThan(20);
    expect(differing(region(real, legend), region(tofu, legend))).toBe(0); // the legend is the same in both
    const row = chart.labels[0]!;
    const bar = region(real, { x: 24 + 210 + 14, y: row.y + 10, width: 4, height: 4 });
    expect([bar[0], bar[1], bar[2]]).toEqual([0x3a, 0x9a, 0x5b]); // 已完成 green
  });

  it("counts each task once per answerable unit, most tasks first, and names tasks without one", () => {
    const task = (n: number, status: TaskStatus, units: TaskRow["units"]): TaskRow =>
      ({ id: n, number: String(n), title: `任务${n}`, section: null, required: null, units, deadlines: [], progress: { status, percent: null, latest: null } }) as unknown as TaskRow;
    const rows = countByUnit(
      [
        task(1, "done", [{ unitId: 1, name: "甲局", role: "lead" }, { unitId: 2, name: "乙局", role: "support" }]),
        task(2, "blocked", [{ unitId: 1, name: "甲局", role: "responsible" }, { unitId: 3, name: "丙局", role: "lead" }]),
        task(3, "in_progress", []),
      ],
      { noUnit: "未指定单位", others: (n) => `其他 ${n} 个单位` },
    );
    expect(rows.map((r) => [r.unit, r.total, r.counts.done, r.counts.blocked])).toEqual([
      ["甲局", 2, 1, 1],
      ["丙局", 1, 0, 1],
      ["未指定单位", 1, 0, 0],
    ]);
  });
});

// The Shenzhen seed, some updates, then /chart as a chat user asks for it.
describe("/chart through the dispatcher", () => {
  let db: TestDatabase;
  const clock = manualClock("2020-11-16T02:00:00Z");
  let handle: (text: string) => Promise<Reply[]>;

  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    const file = "001_02588ea22fbee5d9.txt";
    const plan = parsePlanDocument(fs.readFileSync(path.join(ROOT, "seeds", file)), { sourceName: file }).plans[0]!;
    const { planId } = await savePlan(db.db.prisma, plan, { name: file, hash: file });
    const { services } = testServices(db.db, { clock });
    await services.store.updateChannel("console", "room", { planId });
    const unit = (await services.store.findUnits(planId, "市市场监管局"))[0]!;
    await services.store.addUnitMembers(unit.id, [{ platform: "console", platformUserId: "wang", displayName: "王芳" }]);
    const dispatcher = testDispatcher(services);
    const wang = chat(dispatcher, { channelId: "room", userId: "wang", userName: "王芳" });
    for (const line of ["/update 7 60% 选址完成", "/update 3 done", "/update 10 受阻 缺经费", `/update target ${plan.targets[0]!.name} 100${plan.targets[0]!.unit}`]) {
      expect(await wang(line)).not.toMatch(/错误|无法|没有权限/);
    }
    handle = (text) => dispatcher.handle({ platform: "console", channelId: "room", userId: "wang", userName: "王芳", messageId: `m-${Math.random()}`, text });
  });
  afterAll(async () => db?.cleanup());

  it("/chart (/图表) sends one PNG of the tasks by status per unit", async () => {
    for (const command of ["/chart", "/图表"]) {
      const [r] = await handle(command);
      expect(r!.files).toHaveLength(1);
      const file = r!.files![0]!;
      expect(file.mime).toBe("image/png");
      expect(file.name).toMatch(/^duban-shenzhen-2019-2021-units-2020-11-16\.png$/);
      const size = pngSize(file.data);
      expect(size.width).toBe(960);
      expect(size.height).toBeGreaterThan(200);
      expect(r!.blocks[0]).toMatchObject({ type: "text", text: expect.stringContaining("各责任单位任务状态") });
    }
  });

  it("/chart targets sends one PNG of the targets' pace", async () => {
    const [r] = await handle("/图表 指标");
    const file = r!.files![0]!;
    expect(file.name).toMatch(/-targets-2020-11-16\.png$/);
    expect(pngSize(file.data).width).toBe(960);
    expect(r!.blocks[0]).toMatchObject({ text: expect.stringContaining("指标最新值与年度目标进度") });
  });

  it("explains a chart it does not know, and sends no file", async () => {
    const [r] = await handle("/chart pie");
    expect(r!.files).toBeUndefined();
    expect(r!.private).toBe(true);
    expect(r!.blocks[0]).toMatchObject({ text: expect.stringContaining("无法识别图表“pie”") });
  });
});

// The weekly digest carries the status chart where the platform's poster sends files.
describe("weekly digest with the status chart", () => {
  let db: TestDatabase;
  let planId: number;
  beforeAll(async () => ({ t: db, planId } = await planDatabase("pglite")));
  afterEach(async () => disableAll(db));
  afterAll(async () => db?.cleanup());

  it("attaches the PNG when the poster sends files there, and nothing when it does not", async () => {
    await addSchedule(db, planId, "2026-11-13T00:00:00Z");
    const withFiles = fakePoster();
    withFiles.poster.acceptsFiles = () => true;
    await testScheduler(db.db, withFiles.poster, "2026-11-16T01:00:00Z").scheduler.tick();
    expect(withFiles.posts).toHaveLength(1);
    expect(withFiles.summaries()[0]).toContain("督办简报");
    const [file] = withFiles.posts[0]!.reply.files!;
    expect(file!.mime).toBe("image/png");
    expect(file!.name).toMatch(/^duban-sample-2019-2021-units-2026-11-16\.png$/);
    expect(pngSize(file!.data).width).toBe(960);

    await disableAll(db);
    await addSchedule(db, planId, "2026-11-13T00:00:00Z");
    const textOnly = fakePoster();
    await testScheduler(db.db, textOnly.poster, "2026-11-16T01:00:00Z").scheduler.tick();
    expect(textOnly.posts).toHaveLength(1);
    expect(textOnly.posts[0]!.reply.files).toBeUndefined();
  });
});
