import { createDiscordAdapter, type DiscordAdapter } from "../../../src/adapters/discord/discord-adapter.ts";
import { renderMention, visibleText, type DiscordMessage } from "../../../src/adapters/discord/format.ts";
import { LIMITS } from "../../../src/adapters/discord/limits.ts";
import { FakeDiscord } from "../../fakes/discord/fake-discord.ts";
import { APP_ID, CHANNEL_ID } from "../../fakes/discord/payloads.ts";
import { runContract, type ClickResult } from "./suite.ts";

let fake: FakeDiscord;
let adapter: DiscordAdapter;

runContract({
  platform: "discord",
  userId: "300000000000000001",
  async open(core) {
    fake = await new FakeDiscord().start();
    adapter = createDiscordAdapter({ token: "fake.bot.token", applicationId: APP_ID, apiUrl: `${fake.api}/v10/`, services: core.services, dispatcher: core.dispatcher, inbound: core.inbound, commands: [], logger: core.services.log });
    await adapter.start();
    return {
      adapter,
      async close() {
        await adapter.stop();
        await fake.stop();
      },
    };
  },
  renderMention,
  buttons: (payloads) =>
    (payloads as DiscordMessage[]).flatMap((m) =>
      m.components.flatMap((row) =>
        row.components.map((b) => {
          const d = adapter.codec.decodeButton(b.custom_id);
          const click: ClickResult = d?.kind === "form" ? { form: d.form } : d?.kind === "command" ? { command: d.command, ...(d.inPlace ? { page: true } : {}) } : { command: "" };
          return { label: b.label ?? "", click };
        }),
      ),
    ),
  replacesPages: true,
  maxPayloadText: LIMITS.charsPerMessage + LIMITS.content,
  payloadText: (p) => visibleText(p as DiscordMessage),
  postTarget: { platform: "discord", channelId: CHANNEL_ID },
  posted: async () => (fake.messages.get(CHANNEL_ID) ?? []).map((m) => JSON.stringify(m)),
});
