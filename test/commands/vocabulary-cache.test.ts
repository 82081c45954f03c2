import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/**
 * Free text is read against the plan's task numbers and targets, which the store keeps for
 * seconds; a plan changed meanwhile by another instance must not change what is recorded.
 */
describe("free text after a plan changed", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
  });
  afterAll(async () => t?.cleanup());

  /** An open channel (anyone may report) on a plan of its own, with the bot's store. */
  const session = async (slug: string) => {
    const { planId } = await savePlan(t.db.prisma, samplePlan({ slug }), { name: slug, hash: slug });
    const { services } = testServices(t.db);
    await services.store.updateChannel("console", slug, { planId, open: true });
    return { say: chat(testDispatcher(services), { channelId: slug }), store: services.store };
  };

  it("a target another instance renamed a moment ago is recorded under its new name, never on the old one", async () => {
    const { say } = await session("reimport");
    expect(await say("#7 60%")).toContain("已记录：任务 7");
    expect(await say("每万人口高价值发明专利拥有量 11件")).toContain("已记录");
    const base = samplePlan({ slug: "reimport" });
    // Written past this store (another process on the same database).
    await savePlan(
      t.db.prisma,
      {
        ...base,
        tasks: base.tasks.filter((task) => task.number !== "7"),
        targets: base.targets.map((target) => ({ ...target, name: "每万人口发明专利拥有量" })),
      },
      { name: "reimport-v2", hash: "v2" },
    );
    expect(await say("#7 50%")).toContain("任务 7 已于");
    // Read against the old words, the value would be recorded on the old (now removed) target.
    const renamed = await say("每万人口发明专利拥有量 12件");
    expect(renamed).toContain("已记录");
    expect(renamed).toContain("每万人口发明专利拥有量");
  });

  it("a task another instance imported a moment ago is recorded, not refused as unknown", async () => {
    const { say } = await session("elsewhere");
    expect(await say("#7 60%")).toContain("已记录：任务 7");
    const base = samplePlan({ slug: "elsewhere" });
    const task9 = { ...base.tasks[1]!, number: "9", title: "新增的第九项任务", deadlines: [] };
    // Written past this store (another process on the same database).
    await savePlan(t.db.prisma, { ...base, tasks: [...base.tasks, task9] }, { name: "elsewhere-v2", hash: "v2" });
    expect(await say("#9 30%")).toContain("已记录：任务 9");
  });
});
