import { createStore } from "../../src/store/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import type { ScheduleInput } from "../../src/scheduler/types.ts";
import { openTestDatabase, type Backend, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/** A migrated database holding the sample plan; returns the plan id too. */
export async function planDatabase(backend: Backend): Promise<{ t: TestDatabase; planId: number }> {
  const t = await openTestDatabase(backend);
  await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h" });
  const plans = await createStore(t.db).listPlans();
  return { t, planId: plans[0]!.id };
}

let channelSeq = 0;

/** Saves a schedule in a channel of its own, active from `activeFrom`. */
export async function addSchedule(t: TestDatabase, planId: number, activeFrom: string, patch: Partial<ScheduleInput> = {}) {
  return createScheduleStore(t.db).saveSchedule(
    {
      platform: "console",
      channelId: `room-${++channelSeq}`,
      planId,
      kind: "digest",
      cron: "0 9 * * 1",
      timezone: "Asia/Shanghai",
      workdaysOnly: true,
      locale: null,
      createdBy: "console:admin",
      ...patch,
    },
    new Date(activeFrom),
  );
}

/** Leaves no schedule enabled, so one test's schedules do not fire in the next. */
export async function disableAll(t: TestDatabase): Promise<void> {
  await t.db.sql.exec(`UPDATE "DigestSchedule" SET enabled = false`);
}
