import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { createStore } from "../../src/store/index.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import type { TestDatabase } from "../helpers/db.ts";
import { fakePoster, testScheduler } from "./fakes.ts";
import { addSchedule, planDatabase } from "./setup.ts";

const slack = (id: string, name: string) => ({ platform: "slack", platformUserId: id, displayName: name });
const buttons = (r: Reply) => r.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []));
const text = (r: Reply) => r.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");

// Monthly reminder on the 1st, 10:00 Shanghai; the period reported on is October.
describe("weekly/monthly reminders to owners of stale tasks", () => {
  let t: TestDatabase;
  let planId: number;
  beforeAll(async () => {
    ({ t, planId } = await planDatabase("pglite"));
    const store = createStore(t.db);
    const unit = async (name: string) => (await store.findUnits(planId, name))[0]!.id;
    await store.addUnitMembers(await unit("市市场监管局"), [slack("U1", "张三"), slack("U2", "李四"), slack("U6", "孙八"), { platform: "discord", platformUserId: "D1", displayName: "赵六" }]);
    await store.addUnitMembers(await unit("市科技创新委"), [slack("U3", "王五")]);
    await store.addUnitMembers(await unit("市公安局"), [slack("U5", "钱七")]);
    await createScheduleStore(t.db).setRemindPause(slack("U2", "李四"), new Date("2026-12-31T00:00:00Z"));
    // 孙八 reported on task 7 on 10 October: inside the period, but more than 14 days ago.
    await t.db.sql.query(
      `INSERT INTO "ProgressUpdate" ("planId", "taskId", "memberId", kind, status, percent, "sourcePlatform", "createdAt")
       SELECT $1, t.id, m.id, 'progress', 'in_progress', 30, 'slack', '2026-10-10T02:00:00Z'
       FROM "Task" t, "Member" m WHERE t."planId" = $1 AND t.number = '7' AND m."platformUserId" = 'U6'`,
      [planId],
    );
  });
  afterAll(async () => t?.cleanup());

  it("DMs mapped owners, falls back to a channel mention, skips paused, other-platform, support-only and self-updated", async () => {
    const s = await addSchedule(t, planId, "2026-10-15T00:00:00Z", { kind: "remind", platform: "slack", channelId: "C1", cron: "0 10 1 * *", workdaysOnly: false });
    const fake = fakePoster({ dmImpossible: ["U3"] });
    const { scheduler, clock, schedules } = testScheduler(t.db, fake.poster, "2026-11-01T02:00:00Z");
    await scheduler.tick();
    expect(fake.posts.map((p) => p.target)).toEqual([
      { platform: "slack", channelId: "C1" },
      { platform: "slack", userId: "U1" },
    ]);
    const dm = fake.posts[1]!.reply;
    expect(text(dm)).toContain("任务 7 · 加快知识产权保护中心建设 — 最近更新 2026-10-10（22 天前）");
    expect(text(dm)).not.toContain("任务 1 ");
    const [done, form] = buttons(dm);
    expect(done).toMatchObject({ command: `/update plan:${planId} 7 done`, actionId: "duban:remind-done:7", kind: "remind-done" });
    expect(form!.form!.command).toBe(`/update plan:${planId} 7 {progress} {note}`);
    const fallback = fake.posts[0]!.reply;
    expect(text(fallback)).toContain("<@slack:U3|王五> 无法给您发私信");
    expect(text(fallback)).toContain("任务 1 · 加强关键核心技术知识产权创造 — 从未更新");
    clock.set("2026-11-01T03:00:00Z");
    await scheduler.tick();
    expect(fake.posts).toHaveLength(2);
    const run = (await schedules.listRuns(s.id, 1))[0]!;
    expect(run.status).toBe("sent");
    expect((await schedules.listDeliveries(run.id)).map((d) => [d.recipient, d.status])).toEqual([
      ["dm:slack:U3", "sent"],
      ["dm:slack:U1", "sent"],
    ]);
    await schedules.disableSchedule("slack", "C1", "remind", clock.now());
  });

  it("a reminder run interrupted half-way sends only the rest", async () => {
    const s = await addSchedule(t, planId, "2026-10-15T00:00:00Z", { kind: "remind", platform: "slack", channelId: "C2", cron: "0 10 1 * *", workdaysOnly: false });
    const fake = fakePoster();
    const { scheduler, schedules } = testScheduler(t.db, fake.poster, "2026-11-01T02:30:00Z");
    const due = new Date("2026-11-01T02:00:00Z");
    const claim = { scheduleId: s.id, periodKey: "2026-11-01T10:00", dueAt: due, coversFrom: new Date("2026-10-01T02:00:00Z"), expiresAt: new Date("2026-12-01T02:00:00Z") };
    const run = (await schedules.claimRun(claim, "crashed", due, 60_000))!;
    const first = await schedules.ensureDelivery(run.id, "dm:slack:U1");
    await schedules.startPosting(first.id, due);
    await schedules.finishDelivery(first.id, { status: "sent", messageRef: "earlier" }, due);
    await scheduler.tick();
    expect(fake.posts.map((p) => p.target)).toEqual([{ platform: "slack", userId: "U3" }]);
    expect((await schedules.getRun(s.id, "2026-11-01T10:00"))!.status).toBe("sent");
  });
});
