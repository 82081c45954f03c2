import type { Store } from "../core/store.ts";
import { claimEvent, getChannel, getUserLocale, updateChannel } from "./channels.ts";
import type { Database } from "./database.ts";
import { findPlans, getPlan, listPlans } from "./plans.ts";
import { suggest } from "./suggest.ts";
import { getTask, listTaskNumbers } from "./tasks.ts";

export { openDatabase, type Database, type DatabaseOptions } from "./database.ts";
export { migrate } from "./migrate.ts";

/** The core's Store over one Prisma client. */
export function createStore(db: Database): Store {
  const p = db.prisma;
  return {
    listPlans: () => listPlans(p),
    getPlan: (id) => getPlan(p, id),
    findPlans: (q) => findPlans(p, q),
    getChannel: (platform, channelId) => getChannel(p, platform, channelId),
    updateChannel: (platform, channelId, patch) => updateChannel(p, platform, channelId, patch),
    getUserLocale: (platform, userId) => getUserLocale(p, platform, userId),
    getTask: (planId, number) => getTask(p, planId, number),
    listTaskNumbers: (planId) => listTaskNumbers(p, planId),
    suggest: (kind, planId, query, limit) => suggest(p, kind, planId, query, limit),
    claimEvent: (platform, eventId) => claimEvent(p, platform, eventId),
  };
}
