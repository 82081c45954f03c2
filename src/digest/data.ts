import type { Store } from "../core/store.ts";
import type { ScheduleStore } from "../scheduler/types.ts";
import type { DigestData } from "./analyze.ts";

export interface DigestSources {
  store: Store;
  schedules: Pick<ScheduleStore, "planMembers" | "taskActivity">;
}

/** Loads a plan's state and the progress reported in [from, to); null when the plan is gone. */
export async function loadDigestData(src: DigestSources, planId: number, window: { from: Date; to: Date }): Promise<DigestData | null> {
  const plan = await src.store.getPlan(planId);
  if (!plan) return null;
  const [tasks, targets, rows, activity, members, planDeadlines] = await Promise.all([
    src.store.listTaskRows(planId),
    src.store.listTargets(planId),
    src.store.listUpdates(planId, window.from, window.to),
    src.schedules.taskActivity(planId),
    src.schedules.planMembers(planId),
    src.store.listPlanDeadlines(planId),
  ]);
  return {
    plan: { id: plan.id, title: plan.title },
    tasks,
    targets,
    updates: rows.filter((u) => u.kind === "progress" && !u.retracted),
    activity,
    members,
    planDeadlines,
  };
}
