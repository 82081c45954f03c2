import { z } from "zod";
import { platformDirectory } from "../../../src/adapters/registry.ts";
import { manualClock } from "../../../src/core/clock.ts";
import { defineCommand, type Services } from "../../../src/core/command.ts";
import { createDispatcher, type Dispatcher } from "../../../src/core/dispatcher.ts";
import { UnavailableError } from "../../../src/core/errors.ts";
import { createInbound, type Inbound } from "../../../src/core/inbound.ts";
import type { ChannelState } from "../../../src/core/model.ts";
import { reply } from "../../../src/core/reply.ts";
import type { Store } from "../../../src/core/store.ts";
import { captureLog } from "../../helpers/core.ts";

/** The services around a fake store: no schedules, a clock stopped at 2026-11-20 10:00 Shanghai, a captured log. */
export function fakeServices(store: Store): { services: Services; logLines: ReturnType<typeof captureLog>["lines"] } {
  const log = captureLog();
  const services: Services = {
    store,
    schedules: {} as Services["schedules"],
    clock: manualClock("2026-11-20T02:00:00Z"),
    log: log.log,
    platforms: platformDirectory,
    settings: { admins: [], defaultLocale: "zh-CN", timezone: "Asia/Shanghai", staleDays: 14 },
  };
  return { services, logLines: log.lines };
}

/** The channel bound to a plan in the fake store. */
export const BOUND = "C0BOUND";

/**
 * The core with a small in-memory store (no database): the event ledger, channel bindings and a
 * switch that makes every store call fail as an unreachable server does. `/probe` echoes; free
 * text in a bound channel is "stored" (answered `stored: …`).
 */
export function fakeCore() {
  const ledger = new Set<string>();
  const state = { down: false };
  const stored: string[] = [];
  const guard = () => {
    if (state.down) throw new UnavailableError(new Error("connection refused"));
  };
  const channel = (planId: number | null): ChannelState => ({ planId, locale: null, timezone: null, open: false });
  const store = {
    async claimEvent(platform: string, id: string) {
      guard();
      const key = `${platform}\n${id}`;
      if (ledger.has(key)) return false;
      ledger.add(key);
      return true;
    },
    async receiveEvent(entry: { platform: string; eventId: string }) {
      return store.claimEvent(entry.platform, entry.eventId);
    },
    async finishEvent() {
      guard();
    },
    async getChannel(_platform: string, channelId: string) {
      guard();
      return channel(channelId === BOUND ? 1 : null);
    },
    async getUserLocale() {
      guard();
      return null;
    },
  } as unknown as Store;
  const { services, logLines } = fakeServices(store);
  const probe = defineCommand({
    name: "probe",
    aliases: ["探针"],
    summary: "cmd.help.summary", permission: { right: "anyone" },
    usage: "cmd.help.usage",
    args: z.object({ text: z.string() }),
    run: async (_ctx, { text }) => reply([{ type: "text", text: `probe ${text}` }]),
  });
  const dispatcher: Dispatcher = createDispatcher({
    commands: [probe],
    services,
    freeText: async (ctx) => {
      if (ctx.channel.planId === null) return ctx.message.addressed || ctx.message.isDirect ? [reply([{ type: "text", text: "hint" }])] : [];
      stored.push(ctx.message.text);
      return [reply([{ type: "text", text: `stored: ${ctx.message.text}` }])];
    },
  });
  const inbound: Inbound = createInbound({ dispatcher, services });
  return { services, dispatcher, inbound, state, stored, ledger, logLines };
}
