import { decodeButtonValue } from "../../../src/adapters/slack/forms.ts";
import type { SlackMessage } from "../../../src/adapters/slack/blocks.ts";
import { blockText } from "../../../src/adapters/slack/blocks.ts";
import { createSlackAdapter } from "../../../src/adapters/slack/slack-adapter.ts";
import { renderSlackMention } from "../../../src/adapters/slack/text.ts";
import { FakeSlack } from "../../fakes/slack/fake-slack.ts";
import { runContract, type ClickResult } from "./suite.ts";

const CHANNEL = "C0DIGEST";
let fake: FakeSlack;

runContract({
  platform: "slack",
  userId: "U0ALICE",
  async open(core) {
    fake = await new FakeSlack().start();
    const adapter = createSlackAdapter({ botToken: "xoxb-test-token", signingSecret: "s", port: 0, apiUrl: fake.apiUrl, apiRetries: 0, services: core.services, dispatcher: core.dispatcher, inbound: core.inbound, logger: core.services.log });
    return { adapter, close: () => fake.stop() };
  },
  renderMention: renderSlackMention,
  buttons: (payloads) =>
    (payloads as SlackMessage[]).flatMap((m) =>
      m.blocks.flatMap((b) =>
        b.type === "actions"
          ? b.elements.flatMap((e) => {
              if (e.type !== "button") return [];
              const v = decodeButtonValue(e.value);
              const click: ClickResult = v?.form ? { form: v.form } : { command: v?.command ?? "", ...(v?.page ? { page: true } : {}) };
              return [{ label: e.text.text, click }];
            })
          : [],
      ),
    ),
  replacesPages: true,
  // 50 blocks of at most 3,000 characters each.
  maxPayloadText: 50 * 3000,
  payloadText: (p) => (p as SlackMessage).blocks.flatMap((b) => blockText(b)).join("\n"),
  postTarget: { platform: "slack", channelId: CHANNEL },
  posted: async () => (fake.messages.get(CHANNEL) ?? []).map((m) => JSON.stringify(m.blocks)),
});
