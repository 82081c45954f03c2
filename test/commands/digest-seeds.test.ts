import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import { createDispatcher } from "../../src/core/dispatcher.ts";
import { parsePlanDocument } from "../../src/importer/index.ts";
import { addDays } from "../../src/core/tz.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import { ROOT } from "../helpers/cli.ts";
import { chat, testServices } from "../helpers/core.ts";
import { withDigestCommands } from "../scheduler/fakes.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";

// End to end on the console: real seed documents through the importer, scripted updates
// through /update, then the digest's full detail (/digest full) as the console renders it.
/**
 * A seed document imported into a fresh store, the console's commands around it (digest ones
 * included) on `clock`, the plan in use for the admin's channel.
 */
async function seededChat(file: string, clock: ReturnType<typeof manualClock>) {
  const t = await openTestDatabase("pglite");
  const plan = parsePlanDocument(fs.readFileSync(path.join(ROOT, "seeds", file)), { sourceName: file }).plans[0]!;
  await savePlan(t.db.prisma, plan, { name: file, hash: file });
  const { services } = testServices(t.db, { clock });
  const dispatcher = createDispatcher({ commands: withDigestCommands(), services });
  const admin = chat(dispatcher, { userId: "admin", userName: "督办员" });
  await admin(`/plan use ${plan.slug}`);
  const planId = (await services.store.listPlans())[0]!.id;
  return { t, plan, services, dispatcher, admin, planId };
}

const SEEDS = [
  { file: "001_02588ea22fbee5d9.txt", now: "2020-11-20T02:00:00Z", from: "2020-11-16 09:00" },
  { file: "002_4400fa42a0319d09.txt", now: "2026-12-18T02:00:00Z", from: "2026-12-14 09:00" },
];

describe.each(SEEDS)("/digest full on seed $file", ({ file, now, from }) => {
  let t: TestDatabase;
  const clock = manualClock(now);
  let out = "";
  let plan: ReturnType<typeof parsePlanDocument>["plans"][number];

  beforeAll(async () => {
    const seeded = await seededChat(file, clock);
    ({ t, plan } = seeded);
    const { services, dispatcher, admin, planId } = seeded;
    // Three people, each mapped to the first unit of one of the first three tasks.
    const people = ["王芳", "李强", "陈静"];
    for (const [i, name] of people.entries()) {
      const unit = (await services.store.findUnits(planId, plan.tasks[i]!.units[0]!.name))[0]!;
      await services.store.addUnitMembers(unit.id, [{ platform: "console", platformUserId: `u${i}`, displayName: name }]);
    }
    const as = (i: number) => chat(dispatcher, { userId: `u${i}`, userName: people[i]! });
    const [one, two, three] = plan.tasks.map((task) => task.number);
    expect(await as(0)(`/update ${one} 60% 已完成初稿，正在征求意见`)).not.toMatch(/错误|无法|只有/);
    expect(await as(1)(`/update ${two} done`)).not.toMatch(/错误|无法|只有/);
    expect(await as(2)(`/update ${three} 受阻 资金尚未到位`)).not.toMatch(/错误|无法|只有/);
    const target = plan.targets.find((x) => x.baseline) ?? plan.targets[0]!;
    const value = Math.round((target.baseline?.value ?? target.milestones[0]!.value) * 1.1 * 100) / 100;
    expect(await admin(`/update target ${target.name} ${value}${target.unit}`)).not.toMatch(/错误|无法|只有/);
    clock.advance(60_000);
    out = await chat(dispatcher, { userId: "reader", userName: "读者" })("/digest full");
  });
  afterAll(async () => t?.cleanup());

  it("is the full detail, visible to the asker, naming people without mentioning them", () => {
    expect(out).toContain("完整简报（仅您可见）");
    expect(out).not.toMatch(/@(王芳|李强|陈静)/);
  });

  it("shows the plan, the period and overall completion", () => {
    expect(out).toContain(`【${plan.title} · 督办简报】`);
    expect(out).toContain(`统计区间：${from} 至 `);
    expect(out).toMatch(new RegExp(`█+░+ 1/${plan.tasks.length} 项已完成`));
    expect(out).toMatch(/已完成：1\n推进中：1\n未启动：\d+\n受阻：1/);
  });

  it("lists every target with baseline, latest, this year's milestone and status", () => {
    const section = out.slice(out.indexOf("【指标】"), out.indexOf("【本期进展"));
    for (const target of plan.targets.slice(0, 30)) expect(section).toContain(target.name);
    expect(section).toMatch(/最新 [\d.]+[万亿]?[^\s（]*（20\d\d-\d\d-\d\d）/);
    expect(section).toMatch(/(进度正常|略有落后|有风险|已达成)/);
  });

  it("groups this period's updates by task, with who and when", () => {
    expect(out).toContain("【本期进展（4 条）】");
    expect(out).toMatch(/王芳（\d\d-\d\d）：推进中，60%，已完成初稿[，,]正在征求意见/);
    expect(out).toMatch(/李强（\d\d-\d\d）：已完成/);
    expect(out).toMatch(/陈静（\d\d-\d\d）：受阻，资金尚未到位/);
    expect(out).toMatch(/指标 · .+ — 督办员（\d\d-\d\d）：报告数值/);
  });

  it("names overdue, stale and soon-due tasks, and the units that stayed silent", () => {
    expect(out).toMatch(/【已逾期（\d+ 项）】/);
    expect(out).toMatch(/【超过 14 天未更新（\d+ 项）】\n• 任务 \d+ · .+ — 从未更新/);
    expect(out).toMatch(/【未来 14 天到期（\d+ 项）】/);
    expect(out).toMatch(/【本期未报送的单位（\d+ 个）】\n\S+/);
    expect(out).not.toMatch(/\{\w+\}/);
    expect(out).not.toContain("undefined");
  });

  it("puts each open task with a dated deadline under overdue or due soon, by its date", () => {
    const today = now.slice(0, 10);
    const section = (title: string) => out.slice(out.indexOf(`【${title}`)).split("────────")[0]!;
    const open = plan.tasks.filter((task, i) => i !== 1 && task.deadlines.some((d) => d.date));
    for (const task of open) {
      const dates = task.deadlines.flatMap((d) => (d.date ? [d.date] : [])).sort();
      const soon = dates.find((d) => d >= today && d <= addDays(today, 14));
      if (dates.at(-1)! < today) expect(section("已逾期")).toContain(`任务 ${task.number} · `);
      else if (soon) expect(section("未来 14 天到期")).toContain(`任务 ${task.number} · `);
    }
    if (file.startsWith("002")) expect(open.length).toBeGreaterThan(1);
  });
});

// The channel message on a phone: the Shenzhen plan after a working week of 30 updates by
// eight people (two of them in two units each), previewed as the console renders it.
describe("/digest preview on the Shenzhen seed after 30 updates", () => {
  let t: TestDatabase;
  const clock = manualClock("2020-11-20T02:00:00Z");
  let preview = "";
  let people: string[] = [];
  let plan: ReturnType<typeof parsePlanDocument>["plans"][number];

  beforeAll(async () => {
    const seeded = await seededChat("001_02588ea22fbee5d9.txt", clock);
    ({ t, plan } = seeded);
    const { services, dispatcher, planId } = seeded;
    // The Shenzhen plan: 市市场监管局 leads 24 of its 26 tasks (the digest that mentioned one
    // person 16 times); four people there, one also in 市中级法院, one in 深圳海关, two only
    // in supporting units.
    people = ["王芳", "李强", "陈静", "赵磊", "孙丽", "周杰", "吴敏", "郑涛"];
    const unitsOf = [["市市场监管局"], ["市市场监管局"], ["市市场监管局"], ["市市场监管局"], ["市中级法院", "市市场监管局"], ["深圳海关"], ["市科技创新委"], ["市公安局"]];
    for (const [i, name] of people.entries()) {
      for (const unitName of unitsOf[i]!) {
        const unit = (await services.store.findUnits(planId, unitName))[0]!;
        await services.store.addUnitMembers(unit.id, [{ platform: "console", platformUserId: `u${i}`, displayName: name }]);
      }
    }
    const updates = ["20% 已启动", "50% 正在推进", "受阻 经费未到位", "done", "80% 已报送初稿", "受阻 等待上级批复"];
    for (let k = 0; k < 30; k++) {
      const task = plan.tasks[(k * 7) % plan.tasks.length]!;
      const lead = task.units.find((u) => u.role === "lead")?.name;
      const i = lead === "市中级法院" ? 4 : lead === "深圳海关" ? 5 : k % 4;
      const who = chat(dispatcher, { userId: `u${i}`, userName: people[i]! });
      expect(await who(`/update ${task.number} ${updates[k % updates.length]}`)).not.toMatch(/错误|无法|只有|没有权限/);
      clock.advance(600_000);
    }
    preview = await chat(dispatcher, { userId: "reader", userName: "读者" })("/digest preview");
  });
  afterAll(async () => t?.cleanup());

  it("fits 25 lines", () => {
    expect(preview.split("\n").length).toBeLessThanOrEqual(25);
    expect(preview).toContain(`【${plan.title} · 督办简报】`);
    expect(preview).toContain("【本期变化】\n• 30 条进展，涉及 ");
    expect(preview).toMatch(/新完成 \d+ 项：任务 /);
    expect(preview).toMatch(/【需要关注】\n• (已逾期|受阻) \d+ 项：任务 /);
    expect(preview).toMatch(/【请以下单位跟进（\d+ 个）】\n• \S+ @/);
    expect(preview).toContain("[查看完整简报]");
  });

  it("mentions each person at most once", () => {
    const counts = people.map((name) => preview.split(`@${name}`).length - 1);
    // The five people of 市市场监管局 (which owns blocked tasks) once each; nobody twice.
    expect(counts.slice(0, 5)).toEqual([1, 1, 1, 1, 1]);
    expect(Math.max(...counts)).toBe(1);
  });
});
