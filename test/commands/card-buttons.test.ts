import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Button, Reply } from "../../src/core/reply.ts";
import { formatReplyText } from "../../src/adapters/console/format.ts";
import { translator } from "../../src/core/i18n/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

const X_TITLE = "样例市关于打造知识产权强市的工作方案(2019-2021年)";

/** A card's buttons write to the plan the card was about, never to another plan's task of the same number. */
describe("buttons of a card about a plan the channel has left", () => {
  let t: TestDatabase;
  let x: number;
  let y: number;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    x = (await savePlan(t.db.prisma, samplePlan(), { name: "x", hash: "x" })).planId;
    y = (await savePlan(t.db.prisma, samplePlan({ slug: "other", title: "乙市工作方案" }), { name: "y", hash: "y" })).planId;
    const { services } = testServices(t.db);
    for (const plan of [x, y]) {
      const [unit] = await services.store.findUnits(plan, "市市场监管局");
      await services.store.addUnitMembers(unit!.id, [{ platform: "console", platformUserId: "alice", displayName: "Alice" }]);
    }
  });
  afterAll(async () => t?.cleanup());

  let seq = 0;
  const setUp = async (channelId: string) => {
    const { services } = testServices(t.db);
    const dispatcher = testDispatcher(services);
    const send = async (text: string, extra: { button?: boolean; locale?: "en" | "zh-TW" } = {}): Promise<Reply[]> =>
      dispatcher.handle({ platform: "console", channelId, userId: "alice", userName: "Alice", messageId: `b${++seq}`, text, ...extra });
    const show = (replies: Reply[]) => replies.map((r) => formatReplyText(r, translator("zh-CN"))).join("\n");
    const click = async (b: Button, extra: { locale?: "en" | "zh-TW" } = {}) => show(await send(b.command, { button: true, ...extra }));
    const buttonsOf = (replies: Reply[]) => replies.flatMap((r) => r.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : [])));
    const move = (planId: number) => services.store.updateChannel("console", channelId, { planId });
    await move(x);
    return { send, show, click, buttonsOf, move };
  };
  const updates = (planId: number) => t.db.prisma.progressUpdate.count({ where: { planId } });

  it("mark done on X's task 7 card after the channel moved to Y records nothing on Y and names X", async () => {
    const { send, click, buttonsOf, move } = await setUp("moved");
    const card = buttonsOf(await send("/task 7"));
    const done = card.find((b) => b.kind === "done")!;
    const form = card.find((b) => b.kind === "update")!;
    await move(y);
    const [before, beforeX] = [await updates(y), await updates(x)];
    const out = await click(done);
    expect(out).toContain(`这张卡片是计划“${X_TITLE}”的，本频道现在对应计划“乙市工作方案”。未记录。`);
    expect(out).toContain("/plan use sample");
    expect(await updates(y)).toBe(before);
    expect(await updates(x)).toBe(beforeX);
    expect(await click(done, { locale: "en" })).toContain(`This card is about the plan “${X_TITLE}”; this channel now follows the plan “乙市工作方案”. Nothing recorded.`);
    expect(await click(done, { locale: "zh-TW" })).toContain("這張卡片是計畫「");
    // Its "Update…" form, submitted after the move, records nothing either.
    expect(await click({ ...form, command: form.form!.command.replace("{progress}", "60%").replace("{note}", "") })).toContain("本频道现在对应计划“乙市工作方案”");
    expect(await updates(y)).toBe(before);
    // Back on X, the old card writes to X.
    await move(x);
    expect(await click(done)).toContain("已记录：任务 7");
    expect(await updates(x)).toBe(beforeX + 1);
  });

  it("mark done while the channel still follows X records on X's task 7", async () => {
    const { send, click, buttonsOf } = await setUp("stays");
    const done = buttonsOf(await send("/task 7")).find((b) => b.kind === "done")!;
    const [beforeX, beforeY] = [await updates(x), await updates(y)];
    expect(await click(done)).toContain("已记录：任务 7");
    expect(await updates(x)).toBe(beforeX + 1);
    expect(await updates(y)).toBe(beforeY);
  });

  it("a target card's Report button after the move records nothing on Y", async () => {
    const { send, click, buttonsOf, move } = await setUp("target");
    const report = buttonsOf(await send("/target 1")).find((b) => b.kind === "target-report")!;
    await move(y);
    const before = await updates(y);
    expect(await click({ ...report, command: report.form!.command.replace("{value}", "5") })).toContain(`这张卡片是计划“${X_TITLE}”的`);
    expect(await updates(y)).toBe(before);
  });

  it("a button posted before buttons named their plan records nothing; the same command typed still works", async () => {
    const { show, send } = await setUp("old");
    const before = await updates(x);
    const out = show(await send("/update 7 done", { button: true }));
    expect(out).toContain("这张卡片来自旧版本，没有注明所属计划");
    expect(out).toContain("请输入 /update 7 done");
    expect(await updates(x)).toBe(before);
    expect(show(await send("/update 7 done"))).toContain("已记录：任务 7");
    expect(await updates(x)).toBe(before + 1);
  });
});
