import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack, type ApiCall } from "../fakes/slack/fake-slack.ts";
import { buttonClick, channelMessage, eventCallback, messageChanged, messageDeleted, slashCommand } from "../fakes/slack/payloads.ts";
import { tempDataDir } from "../helpers/cli.ts";
import { EDITED_THEN_DELETED_HISTORY, sampleDataDir, standingUpdates, startDuban, stopCleanly, type StartedBot } from "../helpers/duban-start.ts";

const CHANNEL = "C0PLAN";

/**
 * Progress updates end to end on Slack: the real `duban start` process in Socket Mode against the
 * fake Slack, a channel bound to the sample plan (tasks 1 and 7). Several tasks in one message
 * and their one Undo; questions answered with `7`, a button and `60%`; an edit and a deletion
 * of a message that recorded an update; /history. What was stored is read back afterwards.
 */
describe("Slack end to end: several tasks, answers, edits and deletions (duban start, Socket Mode)", () => {
  let fake: FakeSlack;
  const dir = tempDataDir();
  let bot: StartedBot | undefined;

  beforeAll(async () => {
    fake = await new FakeSlack().start();
    fake.users.set("U0ALICE", "张三");
    // An open channel: any member may report (no unit roster needed).
    await sampleDataDir(dir, ({ store, planId }) => store.updateChannel("slack", CHANNEL, { planId, open: true }));
    bot = await startDuban(dir, { SLACK_BOT_TOKEN: "xoxb-test-token", SLACK_APP_TOKEN: "xapp-test-token", SLACK_API_URL: fake.apiUrl }, () => fake.waitFor(() => fake.socketConnected || undefined, 90_000));
  }, 120_000);
  afterAll(async () => {
    if (bot) await bot.stop();
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const shown = (c: ApiCall) => `${c.args.text ?? ""}\n${JSON.stringify(c.args.blocks ?? [])}`;
  /** What the bot posted in a message's thread (public and ephemeral), in order. */
  const inThread = (ts: string) => fake.apiCalls.filter((c) => c.method.startsWith("chat.post") && c.args.channel === CHANNEL && c.args.thread_ts === ts);
  const say = (fields: { text: string; ts: string; threadTs?: string }) => fake.sendEnvelope("events_api", eventCallback(channelMessage(fields)));
  /** The n-th (0-based) post in a thread, once it is there. */
  const nth = (ts: string, n: number) => fake.waitFor(() => inThread(ts)[n], 60_000);
  const buttons = (c: ApiCall) =>
    (c.args.blocks ?? [])
      .filter((b: { type: string }) => b.type === "actions")
      .flatMap((b: { elements: Array<{ action_id: string; value: string; text: { text: string } }> }) => b.elements);
  const click = (b: { action_id: string; value: string }, respondId: string) =>
    fake.sendEnvelope("interactive", buttonClick({ actionId: b.action_id, value: b.value, user: "U0ALICE", responseUrl: fake.responseUrl(respondId) }));
  const slash = async (command: string, text: string, id: string) => {
    fake.sendEnvelope("slash_commands", slashCommand({ command, text, responseUrl: fake.responseUrl(id) }));
    const [r] = await fake.responded(id);
    return JSON.stringify(r!.body);
  };

  it("two tasks in one message: one reply listing each; its Undo undoes both", async () => {
    const ts = "1700001000.000001";
    say({ text: "任务1完成，任务7受阻 缺经费", ts });
    const confirmation = await nth(ts, 0);
    expect(confirmation.method).toBe("chat.postMessage");
    expect(shown(confirmation)).toContain("已记录 2 项更新");
    expect(shown(confirmation)).toMatch(/任务 1 · [^"]*已完成/);
    expect(shown(confirmation)).toMatch(/任务 7 · [^"]*受阻 · 备注：缺经费/);
    const undo = buttons(confirmation).find((b: { action_id: string }) => b.action_id.startsWith("duban:undo:"));
    expect(undo, "the confirmation offers Undo").toBeTruthy();
    click(undo, "undo-batch");
    const [undone] = await fake.responded("undo-batch");
    expect(JSON.stringify(undone!.body)).toContain("已撤销这条消息的 2 项记录：#1、#7");
    expect(await slash("/task", "7", "card-after-undo")).toContain("未开始");
  });

  it("a question with options; the answers `7`, the button and `60%` apply exactly the option named", async () => {
    // Task 1 reported two ways: the sender picks; `7` names the one option about task 7.
    const ts = "1700001001.000001";
    say({ text: "#7 60%，#1 40%，#1 完成", ts });
    const question = await nth(ts, 0);
    expect(question.method).toBe("chat.postEphemeral");
    expect(shown(question)).toMatch(/1\. #7 进行中 60%.*2\. #1 进行中 40%.*3\. #1 已完成/);
    say({ text: "7", ts: "1700001001.000002", threadTs: ts });
    const applied = await nth(ts, 1);
    expect(shown(applied)).toContain("已记录：任务 7");
    expect(shown(applied)).toContain("进行中 60%");
    expect(shown(applied)).not.toContain("40%");

    // The same task two ways: the second option's button.
    const ts2 = "1700001002.000001";
    say({ text: "#7 完成。#7 受阻", ts: ts2 });
    const pick = await nth(ts2, 0);
    const second = buttons(pick).find((b: { text: { text: string } }) => b.text.text.includes("#7 受阻"));
    expect(second, "a button per option").toBeTruthy();
    click(second, "pick-2");
    const [picked] = await fake.responded("pick-2");
    expect(JSON.stringify(picked!.body)).toContain("已记录：任务 7");
    expect(JSON.stringify(picked!.body)).toContain("受阻");
    expect(JSON.stringify(picked!.body)).not.toContain("已完成");

    // An impossible number: asked, then answered with a percent.
    const ts3 = "1700001003.000001";
    say({ text: "#1 150%", ts: ts3 });
    expect(shown(await nth(ts3, 0))).toContain("不能作为进度");
    say({ text: "60%", ts: "1700001003.000002", threadTs: ts3 });
    const answered = shown(await nth(ts3, 1));
    expect(answered).toContain("已记录：任务 1");
    expect(answered).toContain("进行中 60%");
  });

  it("an edit retracts the old value and records the new one with a notice in the thread; a deletion retracts; /history shows both", async () => {
    const msg = channelMessage({ text: "#1 30% 初稿已完成", ts: "1700001004.000001" });
    fake.sendEnvelope("events_api", eventCallback(msg));
    expect(shown(await nth(msg.ts, 0))).toContain("进行中 30%");
    fake.sendEnvelope("events_api", eventCallback(messageChanged(msg, { text: "#1 45% 初稿已完成，送审中", editedTs: "1700001064.000000" })));
    const notice = shown(await nth(msg.ts, 1));
    expect(notice).toContain("消息已编辑：原记录已撤销（#1 进行中 30%）");
    expect(notice).toContain("进行中 45%");
    fake.sendEnvelope("events_api", eventCallback(messageDeleted(msg, "#1 45% 初稿已完成，送审中")));
    expect(shown(await nth(msg.ts, 2))).toContain("消息已删除：相应记录已撤销（#1 进行中 45%）");
    const history = await slash("/history", "1", "history-1");
    for (const entry of EDITED_THEN_DELETED_HISTORY) expect(history).toContain(entry);
  });

  it("exits 0 on SIGTERM; what stands in the store is exactly what the confirmations said", async () => {
    await stopCleanly(bot!);
    bot = undefined;
    expect(await standingUpdates(dir)).toEqual([
      ["7", "in_progress", 60, null],
      ["7", "blocked", null, null],
      ["1", "in_progress", 60, null],
    ]);
  });
});
