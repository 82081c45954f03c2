import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import type { ImportedTask } from "../../src/importer/types.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

const task = (n: number): ImportedTask => ({
  number: String(n),
  title: `第${n}项工作任务标题`,
  section: n <= 12 ? "一、创造" : "二、保护",
  text: `任务${n}。`,
  units: [{ name: n % 2 ? "市科技局" : "市商务局", role: "lead" }, { name: "各区政府", role: "support" }],
  required: n % 3 === 0 ? true : null,
  requirementNote: null,
  deadlines: n === 5 ? [{ text: "2026年6月底前", date: "2026-06-30", recurrence: null }] : [],
});

describe("/tasks", () => {
  let t: TestDatabase;
  const clock = manualClock("2026-11-20T02:00:00Z");
  let say: ReturnType<typeof chat>;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const plan = samplePlan({ slug: "big", title: "大计划", tasks: Array.from({ length: 23 }, (_, i) => task(i + 1)), units: [], targets: [] });
    const { planId } = await savePlan(t.db.prisma, plan, { name: "big", hash: "b" });
    const { services } = testServices(t.db, { clock });
    await services.store.updateChannel("console", "c", { planId, open: true });
    say = chat(testDispatcher(services), { channelId: "c" });
  });
  afterAll(async () => t?.cleanup());

  const rows = (out: string) => out.split("\n").filter((l) => l.startsWith("•"));

  it("pages at 10 rows with a more button that names the next page's command", async () => {
    const first = await say("/tasks");
    expect(first).toContain("全部 23 项，第 1/3 页");
    expect(rows(first)).toHaveLength(10);
    expect(first).toContain("[更多]");
    expect(first).toContain("/tasks page 2");
    const last = await say("/tasks page 3");
    expect(rows(last).map((r) => r.split(".")[0])).toEqual(["• 21", "• 22", "• 23"]);
    expect(last).not.toContain("[更多]");
    expect(await say("/tasks 第2页")).toContain("第 2/3 页");
  });

  it("filters by status, unit, required and overdue", async () => {
    clock.advance(1000);
    await say("#4 受阻 缺经费");
    await say("#6 完成");
    expect(rows(await say("/tasks 受阻"))).toEqual([expect.stringMatching(/^• 4\. .*受阻/)]);
    expect(rows(await say("/tasks done"))).toHaveLength(1);
    expect(await say("/tasks 商务局")).toContain("市商务局 11 项");
    expect(rows(await say("/tasks required"))).toHaveLength(7);
    const overdue = await say("/tasks overdue");
    expect(rows(overdue)).toEqual([expect.stringMatching(/^• 5\. .*⚠/)]);
    expect(await say("/tasks 不存在的单位")).toContain("没有与“不存在的单位”匹配");
  });

  it("stale: no update for the configured number of days", async () => {
    expect(await say("/tasks stale")).toContain("停滞 21 项");
    clock.advance(15 * 86_400_000);
    expect(rows(await say("/tasks stale page 3"))).toHaveLength(2);
  });

  it("mine needs a mapping and says how to get one", async () => {
    expect(await say("/tasks mine")).toContain("/owner");
  });
});
