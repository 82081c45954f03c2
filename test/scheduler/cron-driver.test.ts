import { getTasks } from "node-cron";
import { describe, expect, it } from "vitest";
import { startCronDriver } from "../../src/scheduler/cron-driver.ts";
import type { Scheduler } from "../../src/scheduler/scheduler.ts";
import type { ScheduleRecord, ScheduleStore } from "../../src/scheduler/types.ts";
import { captureLog } from "../helpers/core.ts";

const schedule = (id: number, patch: Partial<ScheduleRecord> = {}): ScheduleRecord => ({
  id,
  platform: "console",
  channelId: `c${id}`,
  planId: 1,
  kind: "digest",
  cron: "0 9 * * 1",
  timezone: "Asia/Shanghai",
  workdaysOnly: true,
  enabled: true,
  locale: null,
  createdBy: null,
  activeFrom: new Date("2026-01-01T00:00:00Z"),
  ...patch,
});

const ours = () => [...getTasks().values()].map((t) => t.name).filter((n) => n?.startsWith("duban-")).sort();

describe("node-cron binding", () => {
  it("recovers on start, keeps one task per enabled schedule in step with the store, and stops cleanly", async () => {
    let rows = [schedule(1), schedule(2, { cron: "0 10 * * 4" }), schedule(3, { enabled: false }), schedule(4, { cron: "nonsense" })];
    const schedules = { listSchedules: async () => rows } as unknown as ScheduleStore;
    const calls: string[] = [];
    const scheduler: Scheduler = {
      instanceId: "test",
      tick: async () => (calls.push("tick"), { finished: [], missed: 0 }),
      recover: async () => (calls.push("recover"), { finished: [], missed: 0 }),
    };
    const driver = await startCronDriver(scheduler, schedules, captureLog().log);
    try {
      expect(calls).toEqual(["recover"]);
      expect(ours()).toEqual(["duban-schedule-1", "duban-schedule-2", "duban-schedule-sweep"]);
      const before = [...getTasks().values()].find((t) => t.name === "duban-schedule-1")!;
      expect(before.getPattern()).toBe("0 9 * * 1");
      rows = [schedule(1, { cron: "30 8 * * 1" }), schedule(3)];
      await driver.sync();
      expect(ours()).toEqual(["duban-schedule-1", "duban-schedule-3", "duban-schedule-sweep"]);
      expect([...getTasks().values()].find((t) => t.name === "duban-schedule-1")!.getPattern()).toBe("30 8 * * 1");
    } finally {
      await driver.stop();
    }
    expect(ours()).toEqual([]);
  });
});
