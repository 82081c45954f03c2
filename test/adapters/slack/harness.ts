import { z } from "zod";
import { commands } from "../../../commands/index.ts";
import { createSlackAdapter, type SlackAdapter } from "../../../src/adapters/slack/slack-adapter.ts";
import { defineCommand, type CommandDefinition, type Services } from "../../../src/core/command.ts";
import { createConversation } from "../../../src/core/conversation.ts";
import { createDispatcher, type Dispatcher } from "../../../src/core/dispatcher.ts";
import { reply } from "../../../src/core/reply.ts";
import { savePlan } from "../../../src/store/plan-writer.ts";
import { FakeSlack } from "../../fakes/slack/fake-slack.ts";
import { postToBolt, type SlackRequest } from "../../fakes/slack/sign.ts";
import { testDispatcher, testServices, type LogLine } from "../../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../../helpers/db.ts";
import { samplePlan } from "../../helpers/fixtures.ts";
import { CONTRACT_REPLIES } from "../contract.ts";

export const SECRET = "test-signing-secret";
/** A channel bound to the sample plan. */
export const PLAN_CHANNEL = "C0PLAN";

/**
 * Test-only commands, so adapter tests do not depend on commands still being written:
 * `/slackecho …` answers with what the dispatcher was handed; `/slackreply <name>` answers
 * with a contract reply (`card` has Undo / Mark done / Update… buttons).
 */
export const probeCommands: CommandDefinition[] = [
  defineCommand({
    name: "slackecho",
    aliases: [],
    summary: "cmd.help.summary", permission: { right: "anyone" },
    usage: "cmd.help.usage",
    hidden: true,
    args: z.object({ text: z.string() }),
    async run(ctx, { text }) {
      const m = ctx.message;
      const echo = { text, userId: m.userId, userName: m.userName, channelId: m.channelId, messageId: m.messageId, viaCommand: m.viaCommand, addressed: m.addressed, isDirect: m.isDirect, button: m.button };
      return reply([{ type: "text", text: `echo ${JSON.stringify(echo)}` }], { private: text.includes("secret") });
    },
  }),
  defineCommand({
    name: "slackbuttons",
    aliases: [],
    summary: "cmd.help.summary", permission: { right: "anyone" },
    usage: "cmd.help.usage",
    hidden: true,
    args: z.object({ text: z.string() }),
    async run() {
      return reply([
        { type: "header", text: "Buttons" },
        {
          type: "actions",
          buttons: [
            { actionId: "duban:echo:1", label: "Echo", command: "/slackecho clicked" },
            { actionId: "duban:page:echo:2", kind: "page", label: "More", command: "/slackecho page 2" },
            {
              actionId: "duban:update:7",
              label: "更新…",
              command: "/slackecho form",
              form: {
                title: "更新任务 7 · 加快知识产权保护中心建设（2020年底前完成）",
                submitLabel: "提交",
                command: "/slackecho form {progress} {status} {note}",
                fields: [
                  { id: "progress", label: "进度", kind: "text", required: true, placeholder: "60% / done / blocked" },
                  { id: "status", label: "状态", kind: "select", required: false, options: [{ value: "on_track", label: "正常" }, { value: "blocked", label: "受阻" }] },
                  { id: "note", label: "备注", kind: "text", required: false, multiline: true },
                ],
              },
            },
          ],
        },
      ]);
    },
  }),
  defineCommand({
    name: "slackreply",
    aliases: [],
    summary: "cmd.help.summary", permission: { right: "anyone" },
    usage: "cmd.help.usage",
    hidden: true,
    args: z.object({ text: z.string() }),
    async run(_ctx, { text }) {
      return CONTRACT_REPLIES[text.trim()] ?? reply([{ type: "text", text: "no such reply" }], { private: true });
    },
  }),
];

/** What a `/slackecho` reply carried, parsed back from the delivered Slack message. */
export function parseEcho(payload: { blocks?: Array<{ text?: { text: string } }> }): Record<string, any> {
  const text = payload.blocks?.map((b) => b.text?.text ?? "").find((t) => t.startsWith("echo ")) ?? "";
  return JSON.parse(text.slice(5).replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"));
}

export interface Harness {
  t: TestDatabase;
  services: Services;
  logLines: LogLine[];
  dispatcher: Dispatcher;
  fake: FakeSlack;
  adapter: SlackAdapter;
  planId: number;
  /** HTTP mode: the Bolt endpoint. */
  url: string;
  post(request: SlackRequest, options?: { headers?: Record<string, string>; timestamp?: number }): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode?: "http" | "socket";
  /** The plain production dispatcher (no probe commands): free-text and update tests. */
  productionCommands?: boolean;
}

/** A migrated in-memory store with the sample plan, a real dispatcher, a fake Slack and the adapter on Bolt. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const t = await openTestDatabase("pglite");
  await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h" });
  const { services, logLines } = testServices(t.db);
  const planId = (await services.store.listPlans())[0]!.id;
  await services.store.updateChannel("slack", PLAN_CHANNEL, { planId });
  const dispatcher = options.productionCommands ? testDispatcher(services) : createDispatcher({ commands: [...commands, ...probeCommands], services, freeText: createConversation() });
  const fake = await new FakeSlack().start();
  fake.users.set("U0ALICE", "张三");
  fake.users.set("U0BOB", "李四");
  const adapter = createSlackAdapter({
    botToken: "xoxb-test-token",
    ...(options.mode === "socket" ? { appToken: "xapp-test-token" } : { signingSecret: SECRET, port: 0 }),
    apiUrl: fake.apiUrl,
    apiRetries: 0,
    services,
    dispatcher,
    logger: services.log,
  });
  await adapter.start();
  const url = `http://127.0.0.1:${adapter.port ?? 0}/slack/events`;
  return {
    t,
    services,
    logLines,
    dispatcher,
    fake,
    adapter,
    planId,
    url,
    post: (request, opts) => postToBolt(url, SECRET, request, opts),
    async close() {
      await adapter.stop();
      await fake.stop();
      await t.cleanup();
    },
  };
}
