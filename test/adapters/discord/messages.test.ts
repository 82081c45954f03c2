import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand } from "../../../src/core/command.ts";
import { reply } from "../../../src/core/reply.ts";
import { pageButton } from "../../../src/core/paging.ts";
import { ALICE, BOB, BOT_ID, CHANNEL_ID, OTHER_CHANNEL_ID, THREAD_ID, buttonClick, dmChannelOf, messageCreate, slashCommand } from "../../fakes/discord/payloads.ts";
import { longReport as report, startHarness, visibleText, type Harness } from "./harness.ts";

const MESSAGE_CONTENT = 1 << 15;

const secret = defineCommand({
  name: "secret",
  aliases: [],
  summary: "cmd.help.summary", permission: { right: "anyone" },
  usage: "cmd.help.usage",
  args: z.object({ text: z.string() }),
  run: async () => reply([{ type: "text", text: "只有你能看到" }], { private: true }),
});

describe("Discord adapter: messages, deferral, intents and reconnects", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ messageContent: true, deferAfterMs: 300, extraCommands: [report, secret] });
  });
  afterAll(async () => h?.close());

  const posts = (channelId: string) => h.fake.calls("POST", new RegExp(`^/channels/${channelId}/messages$`));
  async function say(payload: ReturnType<typeof messageCreate>, channelId = payload.channel_id) {
    const before = posts(channelId).length;
    h.fake.dispatch("MESSAGE_CREATE", payload);
    return h.fake.waitFor(() => posts(channelId)[before]);
  }
  /**
   * Dispatches a message, then a DM probe; once the probe is answered the message has arrived
   * too (the gateway keeps order), and once the adapter is idle it has been handled.
   */
  async function outcome(payload: ReturnType<typeof messageCreate>, adapter = h.adapter) {
    const sent = h.fake.rest.length;
    h.fake.dispatch("MESSAGE_CREATE", payload);
    await say(messageCreate("/help", { channel: "dm" }));
    await adapter.idle();
    const answered = h.fake.rest.slice(sent).some((c) => c.method === "POST" && c.path === `/channels/${payload.channel_id}/messages`);
    return { dispatched: h.seen.some((m) => m.messageId === payload.id), answered };
  }

  it("asked for the Message Content intent", () => {
    expect(Number(h.fake.identifies[0].intents) & MESSAGE_CONTENT).toBe(MESSAGE_CONTENT);
    expect(h.adapter.messageContent).toBe(true);
  });

  it("a free-text update by DM is stored and confirmed in the DM", async () => {
    const before = await h.prisma.progressUpdate.count();
    const msg = messageCreate("#7 80% 验收材料已提交", { channel: "dm" });
    const sent = await say(msg);
    expect(h.seen.at(-1)).toMatchObject({ text: "#7 80% 验收材料已提交", isDirect: true, addressed: true, messageId: msg.id, userId: ALICE.id });
    expect(visibleText(sent.body)).toContain("已记录：任务 7");
    expect(await h.prisma.progressUpdate.count()).toBe(before + 1);
    // Redelivered: handled once.
    const seen = h.seen.length;
    await outcome(msg);
    expect(h.seen.filter((m) => m.messageId === msg.id)).toHaveLength(1);
    expect(h.seen.length).toBe(seen + 1);
    expect(await h.prisma.progressUpdate.count()).toBe(before + 1);
  });

  it("an @mention in a channel is answered as a reply, with the mention taken out", async () => {
    const msg = messageCreate(`<@${BOT_ID}> /task 7`, { mentionsBot: true, channel: CHANNEL_ID });
    const sent = await say(msg);
    expect(h.seen.at(-1)).toMatchObject({ text: "/task 7", addressed: true, isDirect: false });
    expect(sent.body.message_reference).toMatchObject({ message_id: msg.id, fail_if_not_exists: false });
  });

  it("in a bound channel, free text is read; ordinary chat stays silent; other channels only hear commands", async () => {
    const sent = await say(messageCreate("7号任务 进度90%", { channel: CHANNEL_ID }));
    expect(visibleText(sent.body)).toContain("进行中 90%");
    expect(h.seen.at(-1)?.addressed).toBe(false);
    expect(await outcome(messageCreate("明天下午3点开会", { channel: CHANNEL_ID }))).toEqual({ dispatched: true, answered: false });
    expect(await outcome(messageCreate("#7 完成", { channel: OTHER_CHANNEL_ID }))).toEqual({ dispatched: false, answered: false });
    const help = await say(messageCreate("!help", { channel: OTHER_CHANNEL_ID }));
    expect(visibleText(help.body)).toContain("/task");
  });

  it("a thread under a bound channel shares its plan", async () => {
    const sent = await say(messageCreate("第7项 受阻 缺经费", { channel: THREAD_ID }));
    expect(visibleText(sent.body)).toContain("受阻");
    expect(h.seen.at(-1)).toMatchObject({ channelId: CHANNEL_ID, addressed: false });
  });

  it("a private reply to a channel message goes to the user's DM", async () => {
    const msg = messageCreate(`<@${BOT_ID}> /secret`, { mentionsBot: true, user: BOB, channel: CHANNEL_ID });
    const sent = await say(msg, dmChannelOf(BOB));
    expect(sent.body.content).toBe("只有你能看到");
    expect(h.fake.calls("POST", /^\/users\/@me\/channels$/).at(-1)?.body).toEqual({ recipient_id: BOB.id });
  });

  it("a slow answer is deferred, then the reply edited and the rest sent as follow-ups", async () => {
    h.state.delayMs = 800;
    const ix = slashCommand("duban", [{ name: "text", type: 3, value: "report" }]);
    h.fake.dispatch("INTERACTION_CREATE", ix);
    const followUps = () => h.fake.calls("POST", new RegExp(`^/webhooks/\\d+/${ix.token}$`));
    const edit = await h.fake.waitFor(() => h.fake.calls("PATCH", new RegExp(`/${ix.token}/messages/@original$`))[0]);
    const cb = h.fake.rest.find((c) => c.path === `/interactions/${ix.id}/${ix.token}/callback`)!;
    expect(cb.body.type).toBe(5);
    await h.adapter.idle();
    const all = [edit, ...followUps()].map((c) => visibleText(c.body)).join("\n");
    expect(followUps().length).toBeGreaterThan(0);
    expect(all.replace(/\s+/g, "")).toContain(("第60段：" + "知识产权质押融资登记金额稳步增长，保护中心建设按计划推进。".repeat(8)).replace(/\s+/g, ""));
    h.state.delayMs = 0;
  });

  it("a slow private answer replaces the public 'thinking…' with an ephemeral follow-up", async () => {
    h.state.delayMs = 800;
    const ix = slashCommand("duban", [{ name: "text", type: 3, value: "secret" }]);
    h.fake.dispatch("INTERACTION_CREATE", ix);
    const followUp = await h.fake.waitFor(() => h.fake.calls("POST", new RegExp(`^/webhooks/\\d+/${ix.token}$`))[0]);
    expect(followUp.body).toMatchObject({ content: "只有你能看到", flags: 64 });
    expect(h.fake.calls("DELETE", new RegExp(`/${ix.token}/messages/@original$`))).toHaveLength(1);
    h.state.delayMs = 0;
  });

  it("a slow page is acknowledged without a 'thinking…' message, then edits the message the button was on", async () => {
    h.state.delayMs = 800;
    const row = h.adapter.codec.rows([pageButton("更多", "/tasks", 2)])[0]![0]!;
    const click = buttonClick(row.components[0]!.custom_id, h.fake.message(CHANNEL_ID, { content: "", components: [row] }));
    h.fake.dispatch("INTERACTION_CREATE", click);
    const edit = await h.fake.waitFor(() => h.fake.calls("PATCH", new RegExp(`/${click.token}/messages/@original$`))[0]);
    expect(h.fake.rest.find((c) => c.path === `/interactions/${click.id}/${click.token}/callback`)!.body.type).toBe(6);
    expect(visibleText(edit.body)).toContain("加快知识产权保护中心建设");
    await h.adapter.idle();
    expect(h.fake.calls("POST", new RegExp(`^/webhooks/\\d+/${click.token}$`))).toHaveLength(0);
    h.state.delayMs = 0;
  });

  it("survives a dropped gateway connection: discord.js resumes and events flow again", async () => {
    h.fake.dropConnection(4000);
    await h.fake.waitFor(() => h.fake.resumes.length === 1, 10_000);
    expect(h.fake.resumes[0]).toMatchObject({ token: "fake.bot.token", session_id: "fake-session-1" });
    const sent = await say(messageCreate("/task 1", { channel: "dm" }));
    expect(visibleText(sent.body)).toContain("任务 1");
  });

  it("a bad token stops the start with a clear error", async () => {
    h.fake.validToken = "fake.bot.token";
    const wrong = h.makeAdapter({ token: "revoked" });
    await expect(wrong.start()).rejects.toThrow(/token/i);
    await wrong.stop();
    h.fake.validToken = undefined;
  });

  it("without the Message Content intent enabled, it logs in without it: DMs and mentions still work", async () => {
    await h.adapter.stop();
    h.fake.disallowedIntents = MESSAGE_CONTENT;
    const limited = h.makeAdapter();
    await limited.start();
    try {
      expect(limited.messageContent).toBe(false);
      expect(Number(h.fake.identifies.at(-1).intents) & MESSAGE_CONTENT).toBe(0);
      expect(h.logLines.some((l) => l.level === "warn" && /Message Content/.test(l.msg ?? ""))).toBe(true);
      const sent = await say(messageCreate(`<@${BOT_ID}> #7 完成`, { mentionsBot: true, channel: CHANNEL_ID }));
      expect(visibleText(sent.body)).toContain("已记录：任务 7");
      expect(await outcome(messageCreate("#7 50%", { channel: CHANNEL_ID }), limited)).toEqual({ dispatched: false, answered: false });
    } finally {
      await limited.stop();
    }
  });
});
