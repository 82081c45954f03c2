import { createAdapter } from "../../../src/adapters/dingtalk/adapter.ts";
import { mentionToken } from "../../../src/adapters/dingtalk/parse.ts";
import { LIMITS } from "../../../src/adapters/dingtalk/render.ts";
import { FakeDingTalk } from "../../fakes/dingtalk/fake-dingtalk.ts";
import { runContract, type ClickResult } from "./suite.ts";

const GROUP = "cidGroupContract==";
let fake: FakeDingTalk;

type Body = { msgtype: string; markdown?: { text: string }; actionCard?: { text: string; btns?: { title: string; actionURL: string }[] } };
const textOf = (p: unknown) => ((p as Body).markdown?.text ?? (p as Body).actionCard?.text ?? "");

runContract({
  platform: "dingtalk",
  userId: "manager4220",
  async open(core) {
    fake = await new FakeDingTalk().start();
    const adapter = createAdapter(
      { clientId: fake.clientId, clientSecret: fake.clientSecret, apiUrl: fake.apiUrl },
      { services: core.services, dispatcher: core.dispatcher, inbound: core.inbound, commands: [], logger: core.services.log },
    );
    await adapter.start();
    return { adapter, close: async () => (await adapter.stop(), await fake.stop()) };
  },
  // DingTalk users by staff id (DingTalk shows the name and notifies them); anyone else by name.
  renderMention: (m) => (m.platform === "dingtalk" ? `@${m.userId}` : `@${m.name}`),
  inboundMention: (m) => mentionToken(m.userId, m.name),
  buttons: (payloads) =>
    (payloads as Body[]).flatMap((p) =>
      (p.actionCard?.btns ?? []).map((b) => {
        const command = new URL(b.actionURL.replace(/^dtmd:/, "http:")).searchParams.get("content") ?? "";
        // A button with a form: the card says what to type (DingTalk has no modals).
        const hint = p.actionCard!.text.split("\n").find((l) => l.startsWith(`${b.title}：`) || l.startsWith(`${b.title}:`));
        const click: ClickResult = hint ? { typed: hint } : { command };
        return { label: b.title, click };
      }),
    ),
  maxPayloadText: LIMITS.text,
  payloadText: textOf,
  postTarget: { platform: "dingtalk", channelId: GROUP },
  posted: async () => fake.robotPosts.filter((p) => p.body.openConversationId === GROUP).map((p) => String(p.param.text)),
});
