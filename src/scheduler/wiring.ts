import type { Store } from "../core/store.ts";
import type { ScheduleStore } from "./types.ts";

const bound = new WeakMap<Store, ScheduleStore>();

/**
 * Makes the schedule store reachable from commands, which only see `services.store`. Call once
 * where the store is created: `provideScheduleStore(store, createScheduleStore(db))`.
 */
export function provideScheduleStore(store: Store, schedules: ScheduleStore): void {
  bound.set(store, schedules);
}

export function scheduleStoreFor(store: Store): ScheduleStore {
  const schedules = bound.get(store);
  if (!schedules) throw new Error("schedule store not wired: call provideScheduleStore(store, createScheduleStore(db)) at startup");
  return schedules;
}
