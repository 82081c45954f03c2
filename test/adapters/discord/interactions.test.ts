import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ALICE,
  APP_ID,
  BOB,
  CHANNEL_ID,
  GUILD_ID,
  OTHER_CHANNEL_ID,
  THREAD_ID,
  autocomplete,
  buttonClick,
  dmChannelOf,
  modalSubmit,
  slashCommand,
} from "../../fakes/discord/payloads.ts";
import { pageButton } from "../../../src/core/paging.ts";
import { buttonsOf, startHarness, visibleText, type Harness } from "./harness.ts";

const EPHEMERAL = 64;

describe("Discord adapter: interactions through discord.js and a fake Discord", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ guildId: GUILD_ID });
  });
  afterAll(async () => h?.close());

  /** Sends an interaction and waits for its callback (the first answer). */
  async function interact(payload: { id: string; token: string }) {
    h.fake.dispatch("INTERACTION_CREATE", payload);
    return h.fake.waitFor(() => h.fake.rest.find((c) => c.path === `/interactions/${payload.id}/${payload.token}/callback`));
  }
  const updates = () => h.prisma.progressUpdate.count();

  it("logs in with the bot token through the configured API URL", () => {
    expect(h.fake.identifies[0].token).toBe("fake.bot.token");
    expect(h.fake.rest.find((c) => c.path === "/gateway/bot")?.auth).toBe("Bot fake.bot.token");
    expect(h.adapter.messageContent).toBe(false);
  });

  it("/task 7 answers with the task card as an embed with buttons", async () => {
    const ix = slashCommand("task", [{ name: "number", type: 3, value: "7" }]);
    const cb = await interact(ix);
    expect(cb.body.type).toBe(4);
    expect(cb.body.data.flags ?? 0).toBe(0);
    const [card] = cb.body.data.embeds;
    expect(card.title).toBe("任务 7 · 加快知识产权保护中心建设");
    expect(card.fields).toContainEqual(expect.objectContaining({ name: "牵头", value: expect.stringContaining(`市市场监管局（<@${ALICE.id}>）`) }));
    expect(buttonsOf(cb.body.data).map((b) => b.label)).toEqual(["标记完成", "更新…", "历史"]);
    expect(h.seen.at(-1)).toMatchObject({ platform: "discord", text: "/task 7", userId: ALICE.id, channelId: CHANNEL_ID, viaCommand: true, messageId: ix.id });
    expect(h.seen.at(-1)?.button).toBeUndefined();
  });

  it("/duban text: reaches commands without native metadata", async () => {
    const cb = await interact(slashCommand("duban", [{ name: "text", type: 3, value: "help task" }]));
    expect(h.seen.at(-1)?.text).toBe("/help task");
    expect(visibleText(cb.body.data)).toContain("/task <编号>");
  });

  it("autocomplete offers task numbers with titles, units, and nothing in a channel without a plan", async () => {
    const respond = async (payload: any) => (await interact(payload)).body;
    const tasks = await respond(autocomplete("task", [{ name: "number", type: 3, value: "保护", focused: true }]));
    expect(tasks).toEqual({ type: 8, data: { choices: [{ name: "7 加快知识产权保护中心建设", value: "7" }] } });
    const all = await respond(autocomplete("history", [{ name: "number", type: 3, value: "", focused: true }]));
    expect(all.data.choices.map((c: any) => c.value)).toEqual(["1", "7"]);
    const units = await respond(autocomplete("tasks", [{ name: "filter", type: 3, value: "知识产权局", focused: true }]));
    expect(units.data.choices).toEqual([{ name: "市市场监管局", value: "市市场监管局" }]);
    const unbound = await respond(autocomplete("task", [{ name: "number", type: 3, value: "7", focused: true }], { channel: OTHER_CHANNEL_ID }));
    expect(unbound.data.choices).toEqual([]);
  });

  it("a button dispatches its command as the clicking user; Undo then retracts the update", async () => {
    const card = await interact(slashCommand("task", [{ name: "number", type: 3, value: "7" }]));
    const done = buttonsOf(card.body.data).find((b) => b.label === "标记完成")!;
    const before = await updates();
    const click = buttonClick(done.custom_id, h.fake.message(CHANNEL_ID, card.body.data));
    const confirm = await interact(click);
    expect(h.seen.at(-1)).toMatchObject({ text: expect.stringMatching(/^\/update plan:\d+ 7 done$/), userId: ALICE.id, viaCommand: true, button: true, messageId: click.id });
    expect(visibleText(confirm.body.data)).toContain("已记录：任务 7");
    expect(await updates()).toBe(before + 1);

    const undo = buttonsOf(confirm.body.data).find((b) => b.label === "撤销")!;
    const undone = await interact(buttonClick(undo.custom_id, h.fake.message(CHANNEL_ID, confirm.body.data)));
    expect(h.seen.at(-1)?.text).toMatch(/^\/undo \d+$/);
    expect(visibleText(undone.body.data)).toMatch(/已撤销：#7.*当前状态：未开始/);
    const last = await h.prisma.progressUpdate.findFirst({ orderBy: { id: "desc" } });
    expect(last?.retractsId).not.toBeNull();
  });

  it("a button clicked by someone without rights is refused privately (ephemeral), nothing stored", async () => {
    const card = await interact(slashCommand("task", [{ name: "number", type: 3, value: "7" }]));
    const done = buttonsOf(card.body.data).find((b) => b.label === "标记完成")!;
    const before = await updates();
    const denied = await interact(buttonClick(done.custom_id, h.fake.message(CHANNEL_ID, card.body.data), { user: BOB }));
    expect(h.seen.at(-1)).toMatchObject({ text: expect.stringMatching(/^\/update plan:\d+ 7 done$/), userId: BOB.id });
    expect(denied.body.data.flags).toBe(EPHEMERAL);
    expect(await updates()).toBe(before);
  });

  it("Update… opens a modal; submitting it dispatches the filled command and stores the update once", async () => {
    const card = await interact(slashCommand("task", [{ name: "number", type: 3, value: "7" }]));
    const open = buttonsOf(card.body.data).find((b) => b.label === "更新…")!;
    const modal = await interact(buttonClick(open.custom_id, h.fake.message(CHANNEL_ID, card.body.data)));
    expect(modal.body.type).toBe(9);
    expect(modal.body.data.title).toBe("更新任务 7");
    const labels = modal.body.data.components.map((c: any) => [c.type, c.label, c.component.custom_id, c.component.required]);
    expect(labels).toEqual([
      [18, expect.stringContaining("进度"), "progress", true],
      [18, expect.stringContaining("备注"), "note", false],
    ]);
    const before = await updates();
    const submit = modalSubmit(modal.body.data.custom_id, { progress: "60%", note: "保护中心已通过验收" });
    const confirm = await interact(submit);
    expect(h.seen.at(-1)).toMatchObject({ text: expect.stringMatching(/^\/update plan:\d+ 7 60% 保护中心已通过验收$/), userId: ALICE.id, button: true, messageId: submit.id });
    expect(visibleText(confirm.body.data)).toContain("进行中 60%");
    expect(await updates()).toBe(before + 1);

    // The same interaction delivered again (a gateway replay) is handled once.
    const calls = h.fake.rest.length;
    const dispatched = h.seen.length;
    h.fake.dispatch("INTERACTION_CREATE", submit);
    await interact(slashCommand("help"));
    await h.adapter.idle();
    expect(h.seen.length).toBe(dispatched + 1);
    expect(h.fake.rest.slice(calls).filter((c) => c.path.startsWith(`/interactions/${submit.id}/`))).toEqual([]);
    expect(await updates()).toBe(before + 1);
  });

  it("an empty optional modal answer drops its placeholder", async () => {
    const submit = modalSubmit("dm:/update 7 {progress} {note}", { progress: "完成", note: null });
    await interact(submit);
    expect(h.seen.at(-1)?.text).toBe("/update 7 完成");
  });

  it("works in DMs and in threads (a thread shares its channel's plan)", async () => {
    const dm = await interact(slashCommand("task", [{ name: "number", type: 3, value: "1" }], { channel: "dm" }));
    expect(dm.body.data.embeds[0].title).toBe("任务 1 · 加强关键核心技术知识产权创造");
    expect(h.seen.at(-1)).toMatchObject({ isDirect: true, userId: ALICE.id, channelId: dmChannelOf(ALICE) });
    const thread = await interact(slashCommand("task", [{ name: "number", type: 3, value: "7" }], { channel: THREAD_ID }));
    expect(thread.body.data.embeds[0].title).toContain("任务 7");
    expect(h.seen.at(-1)).toMatchObject({ isDirect: false, channelId: CHANNEL_ID });
    const choices = await interact(autocomplete("task", [{ name: "number", type: 3, value: "7", focused: true }], { channel: THREAD_ID }));
    expect(choices.body.data.choices).toHaveLength(1);
  });

  it("a paging button turns the page in place: the click updates the message it was on", async () => {
    const row = h.adapter.codec.rows([pageButton("更多", "/tasks", 2)])[0]![0]!;
    const click = buttonClick(row.components[0]!.custom_id, h.fake.message(CHANNEL_ID, { content: "", components: [row] }));
    const cb = await interact(click);
    expect(h.seen.at(-1)).toMatchObject({ text: "/tasks page 2", userId: ALICE.id, viaCommand: true });
    expect(cb.body.type).toBe(7);
    expect(visibleText(cb.body.data)).toContain("加快知识产权保护中心建设");
    await h.adapter.idle();
    expect(h.fake.followUps.get(click.token) ?? []).toEqual([]);
  });

  it("every interaction is answered: unknown and expired buttons, commands Discord still lists", async () => {
    const stranger = await interact(buttonClick("someone-else:1", h.fake.message(CHANNEL_ID, { content: "x" })));
    expect(stranger.body.type).toBe(6);
    const expired = await interact(buttonClick("dk:AAAAAAAAAAAAAAAAAAAA", h.fake.message(CHANNEL_ID, { content: "x" }), { locale: "en-US" }));
    expect(expired.body.data).toMatchObject({ flags: EPHEMERAL, content: expect.stringContaining("expired") });
    const gone = await interact(slashCommand("retired"));
    expect(gone.body.data.flags).toBe(EPHEMERAL);
    expect(gone.body.data.content).toContain("retired");
  });

  it("a failed answer is logged without the interaction token or the message", async () => {
    const ix = slashCommand("task", [{ name: "number", type: 3, value: "7" }]);
    h.fake.rejectPaths = [new RegExp(`^/interactions/${ix.id}/`)];
    await interact(ix);
    await h.adapter.idle();
    h.fake.rejectPaths = [];
    const line = h.logLines.find((l) => l.level === "error" && JSON.stringify(l.obj).includes(ix.id))!;
    expect(line.msg).toBe("discord: interaction failed");
    expect((line.obj as any).err).toMatchObject({ status: 400, code: 40060 });
    expect(JSON.stringify(line.obj)).not.toContain(ix.token);
    expect(JSON.stringify(line.obj)).not.toContain("加快知识产权保护中心建设");
  });

  it("errors are ephemeral", async () => {
    const cb = await interact(slashCommand("task", [{ name: "number", type: 3, value: "99" }]));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.content).toContain("没有第 99 项任务");
  });

  it("registered the commands to the guild, generated from the definitions, with localised descriptions", () => {
    const put = h.fake.calls("PUT", /\/commands$/);
    expect(put.map((c) => c.path)).toEqual([`/applications/${APP_ID}/guilds/${GUILD_ID}/commands`]);
    const byName = new Map<string, any>(put[0]!.body.map((c: any) => [c.name, c]));
    const native = h.adapter.client!.application!.id && [...byName.keys()];
    for (const name of ["task", "tasks", "update", "history", "duban"]) expect(native).toContain(name);
    expect(native).not.toContain("help");
    const task = byName.get("task");
    expect(task.description).toBe("查看一项任务：责任单位、状态、进度");
    expect(task.description_localizations).toMatchObject({ "zh-TW": expect.stringContaining("任務"), "en-US": expect.any(String), "en-GB": expect.any(String) });
    expect(task.options).toEqual([expect.objectContaining({ name: "number", type: 3, required: true, autocomplete: true, description: "任务编号" })]);
    expect(byName.get("update").options.map((o: any) => [o.name, o.required])).toEqual([["number", true], ["progress", true], ["note", false]]);
    expect(h.fake.calls("GET", /\/commands$/)[0]!.query.get("with_localizations")).toBe("true");
  });

  it("a restart with unchanged definitions does not register again; changed ones do", async () => {
    const puts = () => h.fake.calls("PUT", /\/commands$/).length;
    const again = h.makeAdapter();
    await again.start();
    await again.stop();
    expect(puts()).toBe(1);
    const fewer = h.makeAdapter({ commands: [] });
    await fewer.start();
    await fewer.stop();
    expect(puts()).toBe(2);
    expect(h.fake.calls("PUT", /\/commands$/)[1]!.body.map((c: any) => c.name)).toEqual(["duban"]);
  });
});
