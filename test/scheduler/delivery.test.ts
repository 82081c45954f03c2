import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PostError } from "../../src/scheduler/types.ts";
import type { TestDatabase } from "../helpers/db.ts";
import { fakePoster, testScheduler } from "./fakes.ts";
import { addSchedule, disableAll, planDatabase } from "./setup.ts";

const DUE = "2026-11-16T01:00:00Z";
const KEY = "2026-11-16T09:00";

describe("delivery: retries, platform errors, no double posts", () => {
  let t: TestDatabase;
  let planId: number;
  beforeAll(async () => ({ t, planId } = await planDatabase("pglite")));
  afterEach(async () => disableAll(t));
  afterAll(async () => t?.cleanup());

  it("a 429 with retry-after, then success: waits as told and posts once", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    const fake = fakePoster({ steps: [new PostError("transient", "429 rate limited", { retryAfterMs: 1500 })] });
    const { scheduler, sleeps, schedules } = testScheduler(t.db, fake.poster, DUE);
    await scheduler.tick();
    await scheduler.tick();
    expect(fake.attempts).toHaveLength(2);
    expect(fake.posts).toHaveLength(1);
    expect(sleeps).toEqual([1500]);
    expect((await schedules.getRun(s.id, KEY))!.status).toBe("sent");
  });

  it("a 5xx after the platform did post: found by its key instead of posting again", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    const fake = fakePoster({ steps: ["ghost"], canFind: true });
    const { scheduler, sleeps, schedules } = testScheduler(t.db, fake.poster, DUE);
    await scheduler.tick();
    expect(fake.posts).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect((await schedules.getRun(s.id, KEY))!).toMatchObject({ status: "sent", messageRef: fake.posts[0]!.ref });
  });

  it("5xx errors back off exponentially, then park the run until a later sweep", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    const err = () => new PostError("transient", "503 unavailable");
    const fake = fakePoster({ steps: [err(), err(), err(), err()] });
    const { scheduler, sleeps, clock, schedules } = testScheduler(t.db, fake.poster, DUE);
    await scheduler.tick();
    expect(sleeps).toEqual([2000, 4000, 8000]);
    const parked = (await schedules.getRun(s.id, KEY))!;
    expect(parked.status).toBe("retry");
    expect(parked.error).toContain("503");
    clock.set(parked.nextAttemptAt!.toISOString());
    await scheduler.tick();
    expect(fake.posts).toHaveLength(1);
    expect((await schedules.getRun(s.id, KEY))!.status).toBe("sent");
  });

  it("a long retry-after is not slept in-process: the run waits in the store and is sent later", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    const fake = fakePoster({ steps: [new PostError("transient", "429", { retryAfterMs: 120_000 })] });
    const { scheduler, sleeps, clock, schedules } = testScheduler(t.db, fake.poster, DUE);
    await scheduler.tick();
    expect(sleeps).toEqual([]);
    expect((await schedules.getRun(s.id, KEY))!).toMatchObject({ status: "retry", nextAttemptAt: new Date("2026-11-16T01:02:00Z") });
    clock.set("2026-11-16T01:01:00Z");
    await scheduler.tick();
    expect(fake.attempts).toHaveLength(1);
    clock.set("2026-11-16T01:02:00Z");
    await scheduler.tick();
    await scheduler.tick();
    expect(fake.posts).toHaveLength(1);
  });

  it("a permanent error fails the run with the platform's reason and is not retried", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    const fake = fakePoster({ steps: [new PostError("permanent", "channel_not_found")] });
    const { scheduler, clock, schedules } = testScheduler(t.db, fake.poster, DUE);
    await scheduler.tick();
    clock.set("2026-11-16T02:00:00Z");
    await scheduler.tick();
    expect(fake.attempts).toHaveLength(1);
    expect((await schedules.getRun(s.id, KEY))!).toMatchObject({ status: "failed", error: "channel_not_found" });
  });

  it("retries still failing when the period ends: the run is closed, not sent late", async () => {
    const s = await addSchedule(t, planId, "2026-11-13T00:00:00Z");
    const fake = fakePoster({ steps: Array.from({ length: 4 }, () => new PostError("transient", "429", { retryAfterMs: 8 * 86_400_000 })) });
    const { scheduler, clock, schedules } = testScheduler(t.db, fake.poster, DUE);
    await scheduler.tick();
    expect((await schedules.getRun(s.id, KEY))!.status).toBe("failed");
    clock.set("2026-11-24T00:00:00Z");
    await scheduler.tick();
    expect(fake.posts.filter((p) => p.key?.includes(KEY))).toHaveLength(0);
  });
});
