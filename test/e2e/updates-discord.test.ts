import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "../fakes/discord/fake-discord.ts";
import { ALICE, APP_ID, CHANNEL_ID, buttonClick, dmChannelOf, messageCreate, messageDelete, messageUpdate } from "../fakes/discord/payloads.ts";
import { tempDataDir } from "../helpers/cli.ts";
import { EDITED_THEN_DELETED_HISTORY, sampleDataDir, standingUpdates, startDuban, stopCleanly, type StartedBot } from "../helpers/duban-start.ts";
import { buttonsOf, visibleText } from "../adapters/discord/harness.ts";

/**
 * Progress updates end to end on Discord: the real `duban start` process logged in to the fake
 * Discord (gateway and REST), with the Message Content intent, a server channel bound to the
 * sample plan (tasks 1 and 7). Several tasks in one message and their one Undo; questions
 * answered with `7`, `第一个` and `60%`; an edit and a deletion; /history; then the store.
 */
describe("Discord end to end: several tasks, answers, edits and deletions (duban start)", () => {
  let fake: FakeDiscord;
  const dir = tempDataDir();
  let bot: StartedBot | undefined;

  beforeAll(async () => {
    fake = await new FakeDiscord().start();
    await sampleDataDir(dir, ({ store, planId }) => store.updateChannel("discord", CHANNEL_ID, { planId, open: true }));
    const env = { DISCORD_TOKEN: "fake.bot.token", DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: `${fake.api}/v10/`, DISCORD_MESSAGE_CONTENT: "true" };
    // Commands are registered once the gateway is ready: from then on events are handled.
    bot = await startDuban(dir, env, () => fake.waitFor(() => fake.commands.size > 0, 90_000));
  }, 120_000);
  afterAll(async () => {
    if (bot) await bot.stop();
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Messages Discord kept in a channel, as users read them, with what each answers. */
  const kept = (channelId = CHANNEL_ID) => fake.messages.get(channelId) ?? [];
  const answersTo = (id: string) => kept().filter((m) => m.message_reference?.message_id === id);
  const answer = async (id: string, n = 0) => visibleText(await fake.waitFor(() => answersTo(id)[n], 60_000));
  const dm = () => kept(dmChannelOf(ALICE));
  const say = (content: string) => {
    const m = messageCreate(content, { channel: CHANNEL_ID });
    fake.dispatch("MESSAGE_CREATE", m);
    return m;
  };
  async function click(message: any, label: (l: string) => boolean) {
    const button = buttonsOf(message).find((b) => label(b.label));
    expect(button, `a button in ${JSON.stringify(buttonsOf(message).map((b) => b.label))}`).toBeTruthy();
    const ix = buttonClick(button!.custom_id, message);
    fake.dispatch("INTERACTION_CREATE", ix);
    const cb = await fake.waitFor(() => fake.rest.find((c) => c.path === `/interactions/${ix.id}/${ix.token}/callback`), 60_000);
    return visibleText(cb.body.data);
  }

  it("two tasks in one message: one reply listing each; its Undo undoes both", async () => {
    const m = say("任务1完成，任务7受阻 缺经费");
    await answer(m.id);
    const confirmation = answersTo(m.id)[0];
    const text = visibleText(confirmation);
    expect(text).toContain("已记录 2 项更新");
    expect(text).toMatch(/任务 1 · .*\n已完成\n/);
    expect(text).toMatch(/任务 7 · .*\n受阻 · 备注：缺经费\n/);
    expect(await click(confirmation, (l) => l === "撤销")).toContain("已撤销这条消息的 2 项记录：#1、#7");
  });

  it("a question with options; the answers `7`, `第一个` and `60%` apply exactly the option named", async () => {
    const dmBefore = dm().length;
    say("#7 60%，#1 40%，#1 完成");
    // A question is private: Discord has no ephemeral messages outside interactions, so it goes by DM.
    const question = visibleText(await fake.waitFor(() => dm()[dmBefore], 60_000));
    expect(question).toMatch(/1\. #7 进行中 60%.*2\. #1 进行中 40%.*3\. #1 已完成/s);
    const seven = say("7");
    const applied = await answer(seven.id);
    expect(applied).toContain("已记录：任务 7");
    expect(applied).toContain("进行中 60%");
    expect(applied).not.toContain("40%");

    say("#7 完成。#7 受阻");
    await fake.waitFor(() => dm()[dmBefore + 1], 60_000);
    const first = await answer(say("第一个").id);
    expect(first).toContain("已记录：任务 7");
    expect(first).toContain("已完成");
    expect(first).not.toContain("受阻");

    say("#1 150%");
    expect(visibleText(await fake.waitFor(() => dm()[dmBefore + 2], 60_000))).toContain("不能作为进度");
    const percent = await answer(say("60%").id);
    expect(percent).toContain("已记录：任务 1");
    expect(percent).toContain("进行中 60%");
  });

  it("an edit retracts the old value and records the new one with a notice; a deletion retracts; /history shows both", async () => {
    const m = say("#1 30% 初稿已完成");
    expect(await answer(m.id)).toContain("进行中 30%");
    fake.dispatch("MESSAGE_UPDATE", messageUpdate(m, "#1 45% 初稿已完成，送审中", new Date().toISOString()));
    const notice = await answer(m.id, 1);
    expect(notice).toContain("消息已编辑：原记录已撤销（#1 进行中 30%）");
    expect(notice).toContain("进行中 45%");
    const before = kept().length;
    fake.dispatch("MESSAGE_DELETE", messageDelete(m));
    expect(visibleText(await fake.waitFor(() => kept()[before], 60_000))).toContain("消息已删除：相应记录已撤销（#1 进行中 45%）");
    const history = await answer(say("/history 1").id);
    for (const entry of EDITED_THEN_DELETED_HISTORY) expect(history).toContain(entry);
  });

  it("exits 0 on SIGTERM; what stands in the store is exactly what the confirmations said", async () => {
    const output = await stopCleanly(bot!);
    bot = undefined;
    expect(output).not.toContain("fake.bot.token");
    expect(await standingUpdates(dir)).toEqual([
      ["7", "in_progress", 60, null],
      ["7", "done", 100, null],
      ["1", "in_progress", 60, null],
    ]);
  });
});
