import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import { openDatabase, type Database } from "../../src/store/index.ts";
import { BACKENDS, type TestDatabase } from "../helpers/db.ts";
import { fakePoster, testScheduler } from "./fakes.ts";
import { addSchedule, disableAll, planDatabase } from "./setup.ts";

// Weekly digest, Mondays 09:00 Asia/Shanghai = 01:00Z.
describe.each(BACKENDS)("scheduler on %s", (backend) => {
  let t: TestDatabase;
  let planId: number;
  beforeAll(async () => ({ t, planId } = await planDatabase(backend)));
  afterEach(async () => disableAll(t));
  afterAll(async () => t?.cleanup());

  it("fires once per period, at the due time and not before", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    const fake = fakePoster();
    const { scheduler, clock } = testScheduler(t.db, fake.poster, "2026-11-16T00:59:00Z");
    await scheduler.tick();
    expect(fake.posts).toHaveLength(0);
    for (const at of ["2026-11-16T01:00:00Z", "2026-11-16T01:01:00Z", "2026-11-20T08:00:00Z", "2026-11-23T00:59:59Z"]) {
      clock.set(at);
      await scheduler.tick();
    }
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]!.target).toEqual({ platform: "console", channelId: s.channelId });
    expect(fake.summaries()[0]).toContain("督办简报");
    clock.set("2026-11-23T01:00:00Z");
    await scheduler.tick();
    expect(fake.posts).toHaveLength(2);
  });

  it("does not send a period that began before the schedule was set", async () => {
    await addSchedule(t, planId, "2026-11-17T03:00:00Z");
    const fake = fakePoster();
    const { scheduler, clock } = testScheduler(t.db, fake.poster, "2026-11-17T03:01:00Z");
    await scheduler.recover();
    await scheduler.tick();
    expect(fake.posts).toHaveLength(0);
    clock.set("2026-11-23T01:00:00Z");
    await scheduler.tick();
    expect(fake.posts).toHaveLength(1);
  });

  it("two instances on the same database post once", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    let second: Database = t.db;
    if (backend === "postgres") second = await openDatabase({ kind: "postgres", url: t.url! });
    try {
      const fake = fakePoster();
      const clock = manualClock("2026-11-16T01:00:00Z");
      const a = testScheduler(t.db, fake.poster, clock, { instanceId: "a" });
      const b = testScheduler(second, fake.poster, clock, { instanceId: "b" });
      await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick(), b.scheduler.tick()]);
      expect(fake.posts).toHaveLength(1);
      const runs = await a.schedules.listRuns(s.id, 10);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ status: "sent", messageRef: fake.posts[0]!.ref });
    } finally {
      if (second !== t.db) await second.close();
    }
  });

  it("a crash after the claim is resumed once the lease expires, exactly once", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    const fake = fakePoster();
    const { scheduler, clock, schedules } = testScheduler(t.db, fake.poster, "2026-11-16T01:00:00Z", { instanceId: "restarted" });
    const due = new Date("2026-11-16T01:00:00Z");
    const claim = { scheduleId: s.id, periodKey: "2026-11-16T09:00", dueAt: due, coversFrom: new Date("2026-11-09T01:00:00Z"), expiresAt: new Date("2026-11-23T01:00:00Z") };
    expect(await schedules.claimRun(claim, "crashed", due, 10 * 60_000)).not.toBeNull();
    clock.set("2026-11-16T01:05:00Z");
    await scheduler.recover();
    expect(fake.posts).toHaveLength(0);
    clock.set("2026-11-16T01:11:00Z");
    await scheduler.tick();
    await scheduler.tick();
    expect(fake.posts).toHaveLength(1);
    expect((await schedules.getRun(s.id, "2026-11-16T09:00"))!).toMatchObject({ status: "sent", claimedBy: "restarted" });
  });

  it("a crash while posting: verified with findPosted when the platform can, never posted twice", async () => {
    for (const canFind of [true, false]) {
      const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
      const fake = fakePoster({ canFind });
      const { scheduler, schedules } = testScheduler(t.db, fake.poster, "2026-11-16T01:20:00Z");
      const due = new Date("2026-11-16T01:00:00Z");
      const claim = { scheduleId: s.id, periodKey: "2026-11-16T09:00", dueAt: due, coversFrom: new Date("2026-11-09T01:00:00Z"), expiresAt: new Date("2026-11-23T01:00:00Z") };
      const run = (await schedules.claimRun(claim, "crashed", due, 60_000))!;
      const delivery = await schedules.ensureDelivery(run.id, "channel");
      await schedules.startPosting(delivery.id, due);
      // The crashed process got its message out before dying.
      const key = `duban:digest:${s.id}:2026-11-16T09:00`;
      await fake.poster.post({ platform: "console", channelId: s.channelId }, { blocks: [] }, { idempotencyKey: key });
      await scheduler.tick();
      await scheduler.tick();
      expect(fake.posts).toHaveLength(1);
      const after = (await schedules.getRun(s.id, "2026-11-16T09:00"))!;
      expect(after.status).toBe(canFind ? "sent" : "uncertain");
      await disableAll(t);
    }
  });

  it("a digest due on a holiday goes out on the next workday, once (National Day 2026)", async () => {
    const s = await addSchedule(t, planId, "2026-09-25T00:00:00Z");
    const fake = fakePoster();
    const { scheduler, clock, schedules } = testScheduler(t.db, fake.poster, "2026-09-28T01:00:00Z");
    await scheduler.tick();
    expect(fake.posts).toHaveLength(1);
    for (const day of ["05", "06", "07"]) {
      clock.set(`2026-10-${day}T01:00:00Z`);
      await scheduler.tick();
    }
    expect(fake.posts).toHaveLength(1);
    for (const at of ["2026-10-08T01:00:00Z", "2026-10-08T05:00:00Z", "2026-10-10T01:00:00Z"]) {
      clock.set(at);
      await scheduler.tick();
    }
    expect(fake.posts).toHaveLength(2);
    clock.set("2026-10-12T01:00:00Z");
    await scheduler.tick();
    expect(fake.posts).toHaveLength(3);
    const keys = (await schedules.listRuns(s.id, 10)).map((r) => r.periodKey).sort();
    expect(keys).toEqual(["2026-09-28T09:00", "2026-10-08T09:00", "2026-10-12T09:00"]);
  });

  it("a schedule that opts out of the work calendar posts on the holiday", async () => {
    await addSchedule(t, planId, "2026-09-25T00:00:00Z", { workdaysOnly: false });
    const fake = fakePoster();
    const { scheduler } = testScheduler(t.db, fake.poster, "2026-10-05T01:00:00Z");
    await scheduler.tick();
    expect(fake.posts).toHaveLength(1);
  });

  it("on start, sends the current period if still inside it and records older ones as missed", async () => {
    const s = await addSchedule(t, planId, "2026-11-01T00:00:00Z");
    const fake = fakePoster();
    const { scheduler, schedules } = testScheduler(t.db, fake.poster, "2026-11-18T06:00:00Z");
    const report = await scheduler.recover();
    expect(report.missed).toBe(2);
    expect(fake.posts).toHaveLength(1);
    const runs = await schedules.listRuns(s.id, 10);
    expect(runs.map((r) => [r.periodKey, r.status])).toEqual([
      ["2026-11-16T09:00", "sent"],
      ["2026-11-09T09:00", "missed"],
      ["2026-11-02T09:00", "missed"],
    ]);
    expect((await scheduler.recover()).missed).toBe(0);
    expect(fake.posts).toHaveLength(1);
  });
});
