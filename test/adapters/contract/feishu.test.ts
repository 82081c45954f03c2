import { createAdapter } from "../../../src/adapters/feishu/adapter.ts";
import { LIMITS, type FeishuMessage } from "../../../src/adapters/feishu/render.ts";
import { FakeFeishu } from "../../fakes/feishu/fake-feishu.ts";
import { runContract, type ClickResult } from "./suite.ts";

const GROUP = "oc_groupcontract0001";
let fake: FakeFeishu;

/** The text a payload carries (card markdown, fields, notes; or a text message). */
function textOf(p: unknown): string {
  const m = p as FeishuMessage;
  if (m.msg_type === "text") return m.text;
  return [m.card.header?.title.content ?? "", ...m.card.elements.flatMap((e) => (e.tag === "markdown" ? [e.content] : e.tag === "div" ? e.fields.map((f) => f.text.content) : e.tag === "note" ? e.elements.map((n) => n.content) : []))].join("\n");
}

runContract({
  platform: "feishu",
  userId: "ou_7d8a6e6df7621556ce0d21922b676706",
  async open(core) {
    fake = await new FakeFeishu().start();
    const adapter = createAdapter(
      { appId: fake.appId, appSecret: fake.appSecret, domain: fake.url },
      { services: core.services, dispatcher: core.dispatcher, inbound: core.inbound, commands: [], logger: core.services.log },
    );
    await adapter.start();
    return { adapter, close: async () => (await adapter.stop(), await fake.stop()) };
  },
  // Feishu users by open_id in card markdown (Feishu shows the name and notifies); anyone else by name.
  renderMention: (m) => (m.platform === "feishu" ? `<at id=${m.userId}></at>` : `@${m.name}`),
  // People's mentions reach the core as text-message tags (the adapter rewrites Feishu's @_user_N keys).
  inboundMention: (m) => `<at user_id="${m.userId}">${m.name}</at>`,
  buttons: (payloads) =>
    (payloads as FeishuMessage[]).flatMap((p) => {
      if (p.msg_type !== "interactive") return [];
      const markdown = p.card.elements.flatMap((e) => (e.tag === "markdown" ? e.content.split("\n") : []));
      return p.card.elements.flatMap((e) =>
        e.tag === "action"
          ? e.actions.map((b) => {
              // A button with a form: the card says what to type (no modal on Feishu here).
              const hint = markdown.find((l) => l.startsWith(`${b.text.content}：`) || l.startsWith(`${b.text.content}:`));
              const click: ClickResult = hint ? { typed: hint } : { command: b.value.command, ...(b.value.kind === "page" ? { page: true } : {}) };
              return { label: b.text.content, click };
            })
          : [],
      );
    }),
  // The text of the blocks, plus the card's title and a line break between elements.
  replacesPages: true,
  maxPayloadText: LIMITS.text + LIMITS.header + LIMITS.elements,
  payloadText: textOf,
  postTarget: { platform: "feishu", channelId: GROUP },
  posted: async () => fake.botMessages(GROUP).map((m) => m.content),
});
