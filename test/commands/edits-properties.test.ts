import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recognizeUpdate } from "../../src/core/recognize/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/** Messages about the sample plan's tasks (1 and 7), and chat. */
const TEXTS = [
  "#7 60%", "#7 80% 装修中", "任务7完成", "任务7受阻 缺经费", "任务1完成，任务7受阻", "#1 30%", "#1 45%，#7 完成",
  "第1、7项已完成", "任务7没有受阻", "开会去了", "明天3点开会", "任务7完成了吗？", "#7 60% 👍", "任務7 已完成，驗收通過",
];
type Step = { kind: "edit"; text: string } | { kind: "again" } | { kind: "delete" };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TEXTS).map((text) => ({ kind: "edit" as const, text })) },
  { weight: 2, arbitrary: fc.constant({ kind: "again" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "delete" as const }) },
);

/**
 * Any sequence of edits, redeliveries and a deletion of one message: what stands is always the
 * latest reading alone (never two revisions side by side), a redelivered edit changes nothing,
 * and after the deletion nothing stands.
 */
describe("edited and deleted messages: properties", () => {
  let t: TestDatabase;
  let say: ReturnType<typeof chat>;
  let run = 0;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const { planId } = await savePlan(t.db.prisma, samplePlan(), { name: "s", hash: "h" });
    const { services } = testServices(t.db);
    say = chat(testDispatcher(services), {});
    // One open channel per run, so no run answers another run's question.
    for (let i = 0; i < 30; i++) await services.store.updateChannel("console", `e${i}`, { planId, open: true });
  });
  afterAll(async () => t?.cleanup());

  const standing = (messageId: string) =>
    t.db.prisma.progressUpdate.findMany({ where: { sourceMessageId: messageId, kind: "progress", retractedBy: null }, include: { task: true }, orderBy: { id: "asc" } });
  const expected = (text: string): string[] | null => {
    const r = recognizeUpdate(text, { taskNumbers: ["1", "7"], targets: [] });
    const readings = r.kind === "task" ? [r] : r.kind === "tasks" ? r.updates : null;
    return readings && readings.map((u) => `${u.taskNumber}=${u.status}:${u.status === "done" ? 100 : u.percent}`).sort();
  };

  it("the latest reading alone stands; a redelivery changes nothing; a deletion leaves nothing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TEXTS), fc.array(step, { minLength: 1, maxLength: 5 }), async (first, steps) => {
        const channelId = `e${run++ % 30}`;
        const messageId = `msg-${run}`;
        let text = first;
        let revision: string | undefined;
        let deleted = false;
        await say(text, { channelId, messageId });
        for (const [i, s] of steps.entries()) {
          if (deleted) break;
          const before = (await standing(messageId)).map((u) => u.id);
          if (s.kind === "again") {
            const out = await say(text, { channelId, messageId, ...(revision ? { revision } : {}) });
            if (revision) expect(out).toBe("");
            expect((await standing(messageId)).map((u) => u.id)).toEqual(before);
            continue;
          }
          if (s.kind === "delete") {
            await say("", { channelId, messageId, deleted: true });
            deleted = true;
            expect(await standing(messageId)).toEqual([]);
            continue;
          }
          text = s.text;
          revision = `r${i}`;
          await say(text, { channelId, messageId, revision });
          const rows = await standing(messageId);
          // Never two readings of one message side by side.
          expect(new Set(rows.map((u) => u.sourceRevision)).size).toBeLessThanOrEqual(1);
          if (rows.length) expect(rows[0]!.sourceRevision).toBe(revision);
          const want = expected(text);
          if (want) expect(rows.map((u) => `${u.task?.number}=${u.status}:${u.percent}`).sort()).toEqual(want);
          else expect(rows).toEqual([]);
        }
      }),
      { numRuns: 25 },
    );
  }, 240_000);
});
