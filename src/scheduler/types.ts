/**
 * The scheduler's contracts live in the core (the core depends on no other layer): where a
 * message is posted and how a platform posts it (core/posting.ts), and the schedules, runs and
 * deliveries the store keeps (core/schedules.ts). Re-exported here for the scheduler's users.
 */
export * from "../core/posting.ts";
export * from "../core/schedules.ts";
