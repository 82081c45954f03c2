import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recognizeUpdate } from "../../src/core/recognize/index.ts";
import { formatTargetValue } from "../../src/core/target-lookup.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { CTX } from "../core/recognize/fixtures.ts";
import { chat, testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

const PIECES = [
  "任务", "任務", "#", "＃", "第", "项", "号", "task ", "1", "7", "７", "七", "一", "和", "、", "，", ",", "。", " ", "　",
  "完成", "已完成", "受阻", "卡住", "已启动", "还没", "没有", "进度", "60%", "６０％", "100%", "-5%", "150%", "由", "提升到",
  "45%", "预计", "目标", "吗", "?", "？", "done", "blocked", "专利拥有量", "12.5件", "件", "缺经费", "经费到位，", "✅", "😀", "\n",
];
const message = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 10 }).map((p) => p.join(""));

describe("recognizer: a question never writes", () => {
  it("a message ending with ？ / ? / 吗 is never read as an update", () => {
    fc.assert(
      fc.property(message, fc.constantFrom("？", "?", "吗", "吗？", "吗?", "嗎？"), (text, end) => {
        const r = recognizeUpdate(text + end, CTX);
        expect(["none", "ambiguous"]).toContain(r.kind);
      }),
      { numRuns: 500 },
    );
  });
});

describe("conversation: what is stored is what was confirmed", () => {
  let t: TestDatabase;
  let say: (text: string) => Promise<string>;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const { planId } = await savePlan(t.db.prisma, samplePlan(), { name: "s", hash: "h" });
    const { services } = testServices(t.db);
    await services.store.updateChannel("console", "prop", { planId, open: true });
    say = chat(testDispatcher(services), { channelId: "prop" });
  });
  afterAll(async () => t?.cleanup());

  it("every stored row's task or target, value and note appear in that message's reply", async () => {
    const statusWords: Record<string, string> = { done: "已完成", blocked: "受阻", in_progress: "进行中", not_started: "未开始" };
    let writes = 0;
    await fc.assert(
      fc.asyncProperty(message, async (text) => {
        const last = (await t.db.prisma.progressUpdate.aggregate({ _max: { id: true } }))._max.id ?? 0;
        const out = await say(text);
        const rows = await t.db.prisma.progressUpdate.findMany({
          where: { id: { gt: last }, kind: "progress" },
          include: { task: true, target: true },
        });
        writes += rows.length;
        for (const row of rows) {
          if (row.task) expect(out).toContain(`任务 ${row.task.number}`);
          if (row.status) expect(out).toContain(statusWords[row.status]!);
          if (row.percent !== null && row.status !== "done") expect(out).toContain(`${row.percent}%`);
          if (row.target) {
            expect(out).toContain(row.target.name);
            expect(out).toContain(formatTargetValue(row.value!, row.target.unit, "zh-CN"));
          }
          if (row.note) expect(out).toContain(row.note);
        }
        if (/(?:[?？]|吗)\s*$/.test(text)) expect(rows).toEqual([]);
      }),
      { numRuns: 120 },
    );
    expect(writes).toBeGreaterThan(0);
  });
});
