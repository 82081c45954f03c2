import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonClick, channelMessage, eventCallback, slashCommand, viewSubmission } from "../../fakes/slack/payloads.ts";
import { interactionForm } from "../../fakes/slack/sign.ts";
import { PLAN_CHANNEL, startHarness, type Harness } from "./harness.ts";

/** Progress updates end to end with the production commands and conversation. */
describe("Slack progress updates (real Bolt, fake Slack, production dispatcher)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ productionCommands: true });
    // An open channel: any member may report progress (no unit roster needed for the test).
    await h.services.store.updateChannel("slack", PLAN_CHANNEL, { open: true });
  });
  afterAll(async () => h?.close());

  it("a free-text update in a bound channel is stored, tied to its message, and confirmed in its thread", async () => {
    const msg = channelMessage({ text: "#7 60% 保护中心已通过验收", ts: "1700000400.000001" });
    await h.post({ json: eventCallback(msg) });
    const confirmation = await h.fake.waitFor(() =>
      h.fake.apiCalls.find((c) => c.method.startsWith("chat.post") && c.args.channel === PLAN_CHANNEL && c.args.thread_ts === msg.ts),
    );
    expect(JSON.stringify(confirmation.args.blocks)).toContain("60");
    const stored = await h.t.db.prisma.progressUpdate.findMany({ where: { sourcePlatform: "slack" }, include: { task: true } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ percent: 60, sourceMessageId: `${PLAN_CHANNEL}:${msg.ts}`, channelId: PLAN_CHANNEL });
    expect(stored[0]!.task?.number).toBe("7");
    expect(stored[0]!.note).toContain("保护中心已通过验收");
  });

  it("the Undo button on an update's confirmation retracts that update", async () => {
    await h.post({ form: slashCommand({ command: "/update", text: "7 60% 保护中心已通过验收", responseUrl: h.fake.responseUrl("upd") }) });
    const [r] = await h.fake.responded("upd");
    const undo = r!.body.blocks
      .filter((b: { type: string }) => b.type === "actions")
      .flatMap((b: { elements: Array<{ action_id: string; value: string }> }) => b.elements)
      .find((e: { action_id: string }) => e.action_id.startsWith("duban:undo:"));
    expect(undo, `the confirmation offers Undo: ${JSON.stringify(r!.body).slice(0, 600)}`).toBeTruthy();
    const original = await h.t.db.prisma.progressUpdate.findFirstOrThrow({ where: { retractsId: null }, orderBy: { id: "desc" } });
    await h.post(interactionForm(buttonClick({ actionId: undo.action_id, value: undo.value, user: "U0ALICE", responseUrl: h.fake.responseUrl("undo") })));
    await h.fake.waitFor(() => h.fake.responsesTo("undo").length);
    const retraction = await h.t.db.prisma.progressUpdate.findFirst({ where: { retractsId: original.id } });
    expect(retraction).not.toBeNull();
  });

  it("the task card's Update… opens a modal; submitting it stores the update as the submitting member", async () => {
    await h.post({ form: slashCommand({ command: "/task", text: "7", responseUrl: h.fake.responseUrl("card") }) });
    const [card] = await h.fake.responded("card");
    const button = card!.body.blocks
      .filter((b: { type: string }) => b.type === "actions")
      .flatMap((b: { elements: Array<{ action_id: string; value: string }> }) => b.elements)
      .find((e: { action_id: string }) => e.action_id === "duban:update:7");
    expect(button, "the card offers Update…").toBeTruthy();
    await h.post(interactionForm(buttonClick({ actionId: button.action_id, value: button.value, user: "U0BOB", triggerId: "trig-upd7", responseUrl: h.fake.responseUrl("card-click") })));
    const open = await h.fake.waitFor(() => h.fake.calls("views.open").find((c) => c.args.trigger_id === "trig-upd7"));
    const inputs = open.args.view.blocks.filter((b: { type: string }) => b.type === "input");
    const values: Record<string, Record<string, unknown>> = {};
    for (const b of inputs) values[b.block_id] = { [b.element.action_id]: { type: "plain_text_input", value: null } };
    const [progress, note] = inputs;
    values[progress.block_id] = { [progress.element.action_id]: { type: "plain_text_input", value: "80%" } };
    values[note.block_id] = { [note.element.action_id]: { type: "plain_text_input", value: "初审完成" } };
    await h.post(interactionForm(viewSubmission(open.args.view, values, "U0BOB")));
    const [confirmation] = await h.fake.responded("card-click");
    expect(confirmation!.body.response_type).toBe("in_channel");
    const stored = await h.t.db.prisma.progressUpdate.findFirstOrThrow({ where: { percent: 80 }, include: { member: true } });
    expect(stored.note).toContain("初审完成");
    expect(stored.member?.platformUserId).toBe("U0BOB");
    expect(stored.sourceMessageId).toMatch(/^view:/);
    expect(h.fake.rejected).toEqual([]);
  });

  it("plain chat in a bound channel that is not an update gets no answer", async () => {
    await h.post({ json: eventCallback(channelMessage({ text: "大家中午好", ts: "1700000401.000001" })) });
    await h.post({ form: slashCommand({ command: "/task", text: "7", responseUrl: h.fake.responseUrl("after-chat") }) });
    await h.fake.waitFor(() => h.fake.responsesTo("after-chat").length);
    expect(h.fake.apiCalls.filter((c) => c.method.startsWith("chat.post") && c.args.thread_ts === "1700000401.000001")).toEqual([]);
  });
});
