import { commands as coreCommands } from "../../../commands/index.ts";
import { z } from "zod";
import { defineCommand, type CommandDefinition } from "../../../src/core/command.ts";
import type { IncomingMessage } from "../../../src/core/context.ts";
import { createConversation } from "../../../src/core/conversation.ts";
import { createDispatcher, type Dispatcher } from "../../../src/core/dispatcher.ts";
import { savePlan } from "../../../src/store/plan-writer.ts";
import { createDiscordAdapter, type DiscordAdapter, type DiscordAdapterConfig } from "../../../src/adapters/discord/discord-adapter.ts";
import { FakeDiscord } from "../../fakes/discord/fake-discord.ts";
import { ALICE, APP_ID, CHANNEL_ID, dmChannelOf } from "../../fakes/discord/payloads.ts";
import { testServices } from "../../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../../helpers/db.ts";
import { samplePlan } from "../../helpers/fixtures.ts";
import { CONTRACT_REPLIES } from "../contract.ts";

/** `/report`: a reply long enough for several messages (the first answers, the rest follow up). */
export const longReport = defineCommand({
  name: "report",
  aliases: [],
  summary: "cmd.help.summary", permission: { right: "anyone" },
  usage: "cmd.help.usage",
  args: z.object({ text: z.string() }),
  run: async () => CONTRACT_REPLIES.long!,
});

export interface HarnessOptions extends Partial<Pick<DiscordAdapterConfig, "guildId" | "messageContent" | "deferAfterMs">> {
  /** Extra commands for this test only. */
  extraCommands?: CommandDefinition[];
  /** Intent bits the fake refuses (4014), as an unprivileged bot would see. */
  disallowedIntents?: number;
  /** Reuse a running fake (to restart the bot against the same "Discord"). */
  fake?: FakeDiscord;
}

/**
 * A real store (PGlite, sample plan bound to the guild channel and Alice's DM, Alice a member of
 * the unit leading task 7), the real dispatcher (recording what it was asked), a fake Discord and
 * the adapter logged in to it.
 */
export async function startHarness(options: HarnessOptions = {}) {
  const db: TestDatabase = await openTestDatabase("pglite");
  const { planId } = await savePlan(db.db.prisma, samplePlan(), { name: "sample.txt", hash: "h" });
  const { services, logLines } = testServices(db.db);
  await services.store.updateChannel("discord", CHANNEL_ID, { planId });
  await services.store.updateChannel("discord", dmChannelOf(ALICE), { planId });
  const [unit] = await services.store.findUnits(planId, "市市场监管局");
  await services.store.addUnitMembers(unit!.id, [{ platform: "discord", platformUserId: ALICE.id, displayName: "Alice" }]);

  const commands = [...coreCommands, ...(options.extraCommands ?? [])];
  const inner = createDispatcher({ commands, services, freeText: createConversation() });
  const seen: IncomingMessage[] = [];
  const state = { delayMs: 0 };
  const dispatcher: Dispatcher = {
    registry: inner.registry,
    async handle(message) {
      seen.push(message);
      if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
      return inner.handle(message);
    },
  };
  const ownFake = !options.fake;
  const fake = options.fake ?? (await new FakeDiscord().start());
  fake.disallowedIntents = options.disallowedIntents ?? 0;
  const makeAdapter = (over: Partial<DiscordAdapterConfig> = {}): DiscordAdapter =>
    createDiscordAdapter({
      token: "fake.bot.token",
      applicationId: APP_ID,
      apiUrl: `${fake.api}/v10/`,
      services,
      dispatcher,
      commands,
      logger: services.log,
      // Long by default so a loaded test machine never takes the deferred path by accident.
      deferAfterMs: options.deferAfterMs ?? 60_000,
      ...(options.guildId ? { guildId: options.guildId } : {}),
      ...(options.messageContent ? { messageContent: true } : {}),
      ...over,
    });
  const adapter = makeAdapter();
  await adapter.start();
  return {
    fake,
    adapter,
    makeAdapter,
    services,
    prisma: db.db.prisma,
    planId,
    seen,
    logLines,
    state,
    async close() {
      await adapter.stop();
      if (ownFake) await fake.stop();
      await db.cleanup();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;

/** Everything a user reads in a message body we sent (content, embeds, button labels). */
export function visibleText(body: any): string {
  const parts: string[] = [body?.content ?? ""];
  for (const e of body?.embeds ?? []) {
    parts.push(e.title ?? "", e.description ?? "");
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  for (const row of body?.components ?? []) for (const c of row.components ?? []) parts.push(c.label ?? "");
  return parts.filter(Boolean).join("\n");
}

/** All buttons in a message body, flattened. */
export function buttonsOf(body: any): { custom_id: string; label: string; style: number }[] {
  return (body?.components ?? []).flatMap((row: any) => row.components ?? []);
}
