import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonClick, eventCallback, slashCommand, viewSubmission } from "../../fakes/slack/payloads.ts";
import { interactionForm } from "../../fakes/slack/sign.ts";
import { PLAN_CHANNEL, parseEcho, startHarness, type Harness } from "./harness.ts";

describe("Slack buttons, modals and the Home tab (real Bolt, fake Slack)", () => {
  let h: Harness;
  let buttons: Array<{ action_id: string; value: string; text: { text: string } }>;

  beforeAll(async () => {
    h = await startHarness();
    await h.post({ form: slashCommand({ command: "/slackbuttons", text: "", responseUrl: h.fake.responseUrl("buttons") }) });
    const [r] = await h.fake.responded("buttons");
    buttons = r!.body.blocks.find((b: { type: string }) => b.type === "actions").elements;
  });
  afterAll(async () => h?.close());

  const button = (id: string) => buttons.find((b) => b.action_id === id)!;

  it("renders each button with its stable action id and label", () => {
    expect(buttons.map((b) => [b.action_id, b.text.text])).toEqual([
      ["duban:echo:1", "Echo"],
      ["duban:page:echo:2", "More"],
      ["duban:update:7", "更新…"],
    ]);
  });

  it("a click runs the button's command as the clicking member; the reply comes through response_url", async () => {
    const click = buttonClick({ actionId: "duban:echo:1", value: button("duban:echo:1").value, responseUrl: h.fake.responseUrl("click1"), messageTs: "1700000100.000001", actionTs: "1700000101.1" });
    expect((await h.post(interactionForm(click))).status).toBe(200);
    const [r] = await h.fake.responded("click1");
    expect(r!.body).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(parseEcho(r!.body)).toEqual({
      text: "clicked",
      userId: "U0BOB",
      userName: "李四",
      channelId: PLAN_CHANNEL,
      messageId: "act:1700000100.000001:duban:echo:1:1700000101.1",
      viaCommand: true,
      addressed: true,
      isDirect: false,
      button: true,
    });
  });

  it("a redelivered click is processed once; a second click is a new one", async () => {
    const value = button("duban:echo:1").value;
    const click = buttonClick({ actionId: "duban:echo:1", value, responseUrl: h.fake.responseUrl("click2"), messageTs: "1700000200.000001", actionTs: "1700000201.1" });
    await h.post(interactionForm(click));
    await h.post(interactionForm(click));
    const again = buttonClick({ actionId: "duban:echo:1", value, responseUrl: h.fake.responseUrl("click2"), messageTs: "1700000200.000001", actionTs: "1700000202.1" });
    await h.post(interactionForm(again));
    await h.fake.waitFor(() => h.fake.responsesTo("click2").length === 2);
    const ids = h.fake.responsesTo("click2").map((r) => parseEcho(r.body).messageId);
    expect(new Set(ids).size).toBe(2);
  });

  it("a paging button replaces the message it was on", async () => {
    const click = buttonClick({ actionId: "duban:page:echo:2", value: button("duban:page:echo:2").value, responseUrl: h.fake.responseUrl("page") });
    await h.post(interactionForm(click));
    const [r] = await h.fake.responded("page");
    expect(r!.body.replace_original).toBe(true);
    expect(parseEcho(r!.body).text).toBe("page 2");
  });

  it("Update… opens a modal with the form's fields; submitting it dispatches the filled command", async () => {
    const click = buttonClick({ actionId: "duban:update:7", value: button("duban:update:7").value, responseUrl: h.fake.responseUrl("form"), triggerId: "trig-form" });
    await h.post(interactionForm(click));
    const open = await h.fake.waitFor(() => h.fake.calls("views.open").find((c) => c.args.trigger_id === "trig-form"));
    const view = open.args.view;
    expect(view.type).toBe("modal");
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    // Longer than the 24 characters a modal title may have: shown in full above the inputs.
    expect(JSON.stringify(view.blocks)).toContain("更新任务 7 · 加快知识产权保护中心建设（2020年底前完成）");
    const inputs = view.blocks.filter((b: { type: string }) => b.type === "input");
    expect(inputs.map((b: any) => [b.label.text, b.element.type, b.optional])).toEqual([
      ["进度", "plain_text_input", false],
      ["状态", "static_select", true],
      ["备注", "plain_text_input", true],
    ]);
    expect(h.fake.responsesTo("form")).toEqual([]);

    const values = Object.fromEntries(
      inputs.map((b: any) => [b.block_id, { value: b.element.type === "static_select" ? { type: "static_select", selected_option: null } : { type: "plain_text_input", value: null } }]),
    );
    values[inputs[0].block_id] = { value: { type: "plain_text_input", value: "60%" } };
    values[inputs[2].block_id] = { value: { type: "plain_text_input", value: "保护中心已通过验收" } };
    const res = await h.post(interactionForm(viewSubmission(view, values)));
    expect(res.status).toBe(200);
    const [r] = await h.fake.responded("form");
    expect(parseEcho(r!.body)).toMatchObject({ text: "form 60% 保护中心已通过验收", userId: "U0BOB", viaCommand: true, button: true, channelId: PLAN_CHANNEL });
    expect(parseEcho(r!.body).messageId).toMatch(/^view:V/);
  });

  it("a reply longer than one message is split across messages, none over Slack's limits", async () => {
    await h.post({ form: slashCommand({ command: "/slackreply", text: "long", responseUrl: h.fake.responseUrl("long") }) });
    const parts = await h.fake.responded("long", 2);
    const all = JSON.stringify(parts.map((p) => p.body.blocks));
    for (let i = 1; i <= 60; i++) expect(all).toContain(`第${i}段：`);
    for (const p of parts) expect(p.body.blocks.length).toBeLessThanOrEqual(50);
  });

  it("the Home tab shows the viewing member's view (/me, or /help until it exists)", async () => {
    await h.post({ json: eventCallback({ type: "app_home_opened", user: "U0ALICE", channel: "D0ALICE", tab: "home" }) });
    const pub = await h.fake.waitFor(() => h.fake.calls("views.publish").find((c) => c.args.user_id === "U0ALICE"));
    expect(pub.args.view.type).toBe("home");
    expect(pub.args.view.blocks.length).toBeGreaterThan(0);
    if (!h.dispatcher.registry.find("me")) expect(JSON.stringify(pub.args.view.blocks)).toContain("督办 · 命令列表");
  });

  it("on the Home tab, paging republishes the Home view; other buttons answer in the member's DM", async () => {
    await h.post(interactionForm(buttonClick({ actionId: "duban:me:page:2", value: JSON.stringify({ c: "/slackecho home page 2", p: 1 }), user: "U0BOB" })));
    const pub = await h.fake.waitFor(() => h.fake.calls("views.publish").find((c) => c.args.user_id === "U0BOB"));
    expect(JSON.stringify(pub.args.view.blocks)).toContain("home page 2");
    await h.post(interactionForm(buttonClick({ actionId: "duban:task:7", value: JSON.stringify({ c: "/slackecho from home" }), user: "U0BOB" })));
    const pm = await h.fake.waitFor(() => h.fake.calls("chat.postMessage").find((c) => c.args.channel === "U0BOB"));
    expect(parseEcho(pm.args)).toMatchObject({ text: "from home", isDirect: true, userId: "U0BOB" });
  });

  it("no message or view was refused by the fake for breaking Block Kit limits", () => {
    expect(h.fake.rejected).toEqual([]);
  });
});
