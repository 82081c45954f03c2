import { describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.ts";
import { buildModal, decodeButtonValue, decodeFormContext, encodeButtonValue, readAnswers } from "../../../src/adapters/slack/forms.ts";
import { fillFormCommand as fillTemplate } from "../../../src/core/reply.ts";
import { fromSlackText, isHumanMessage, looksLikeCommand, slashText, stripBotMention } from "../../../src/adapters/slack/parse.ts";
import { createRegistry } from "../../../src/core/registry.ts";
import { action, type ReplyForm } from "../../../src/core/reply.ts";
import { viewErrors } from "../../fakes/slack/block-kit.ts";

const registry = createRegistry(commands);

describe("Slack inbound text", () => {
  it("rebuilds the command a slash command stands for; /duban is the umbrella", () => {
    expect(slashText("/task", "7", registry)).toBe("/task 7");
    expect(slashText("/task", "", registry)).toBe("/task");
    expect(slashText("/duban", "task 7", registry)).toBe("/task 7");
    expect(slashText("/duban", "/task 7", registry)).toBe("/task 7");
    expect(slashText("/duban", "任务7", registry)).toBe("/任务7");
    expect(slashText("/duban", "", registry)).toBe("/help");
    expect(slashText("/duban", "tsak 7", registry)).toBe("/tsak 7");
    expect(slashText("/duban", "#7 60% 保护中心已通过验收", registry)).toBe("#7 60% 保护中心已通过验收");
    expect(slashText("/duban", "七号任务完成了", registry)).toBe("七号任务完成了");
  });

  it("keeps Slack's member, channel and group references (the core parses them), decodes the rest", () => {
    expect(fromSlackText("请 <@U123|zhang> 跟进 <#C9|plan> &lt;急&gt; &amp; <https://x.cn/a|通知> <https://y.cn> <!here>")).toBe(
      "请 <@U123|zhang> 跟进 <#C9|plan> <急> & 通知 https://x.cn/a https://y.cn <!here>",
    );
  });

  it("a mention typed as text (`&lt;@U9&gt;`) does not become a real one", () => {
    expect(fromSlackText("&lt;@U9&gt; 3 &lt; 4")).toBe("＜@U9> 3 < 4");
  });

  it("strips the bot's own mention, wherever it is", () => {
    expect(stripBotMention("<@U0BOT> /task 7", "U0BOT")).toBe("/task 7");
    expect(stripBotMention("<@U0BOT|duban>：#7 60%", "U0BOT")).toBe("#7 60%");
    expect(stripBotMention("问 <@U0BOT> 一下 <@U1>", "U0BOT")).toBe("问 一下 <@U1>");
  });

  it("only people's new messages count; `!task` is a command", () => {
    expect(isHumanMessage({ type: "message", user: "U1", channel: "C1", text: "x" })).toBe(true);
    expect(isHumanMessage({ type: "message", subtype: "message_changed", channel: "C1" })).toBe(false);
    expect(isHumanMessage({ type: "message", subtype: "bot_message", bot_id: "B1", channel: "C1", user: "U2" })).toBe(false);
    expect(isHumanMessage({ type: "message", subtype: "channel_join", user: "U1", channel: "C1" })).toBe(false);
    expect(looksLikeCommand("!task 7")).toBe(true);
    expect(looksLikeCommand("！任务 7")).toBe(true);
    expect(looksLikeCommand("好的!")).toBe(false);
  });

  it("recognises paging buttons by their kind, whatever their action id says", () => {
    const page = decodeButtonValue(encodeButtonValue({ ...action("page", "tasks", 2), label: "更多", command: "/tasks page 2" }));
    expect(page).toEqual({ command: "/tasks page 2", page: true });
    for (const b of [{ actionId: "duban:page:tasks:2", label: "x", command: "/tasks page 2" }, { ...action("undo", 42), label: "撤销", command: "/undo 42" }]) {
      expect(decodeButtonValue(encodeButtonValue(b))?.page).toBeUndefined();
    }
  });
});

describe("Slack forms", () => {
  const form: ReplyForm = {
    title: "更新任务 7",
    submitLabel: "提交",
    command: "/update 7 {progress} {status} {note}",
    fields: [
      { id: "progress", label: "进度", kind: "text", required: true, placeholder: "60%" },
      { id: "status", label: "状态", kind: "select", required: false, options: Array.from({ length: 120 }, (_, i) => ({ value: `s${i}`, label: `S${i}` })) },
      { id: "note", label: "备注", kind: "text", required: false, multiline: true, placeholder: "说明".repeat(100) },
    ],
  };

  it("a button carries its command and form; one too large for Slack degrades to the bare command", () => {
    const value = encodeButtonValue({ actionId: "a", label: "l", command: "/update 7", form: { ...form, fields: form.fields.slice(0, 1) } });
    expect(decodeButtonValue(value)).toEqual({ command: "/update 7", form: { ...form, fields: form.fields.slice(0, 1) } });
    const big = encodeButtonValue({ actionId: "a", label: "l", command: "/update 7", form });
    expect(big.length).toBeLessThanOrEqual(2000);
    expect(decodeButtonValue(big)).toEqual({ command: "/update 7" });
    expect(decodeButtonValue("not json")).toBeNull();
  });

  it("builds a valid modal even past Slack's option and placeholder limits, losing nothing", () => {
    const view = buildModal(form, { template: form.command, channelId: "C1", responseUrl: "https://hooks.slack.com/x" }, "取消");
    expect(viewErrors(view)).toEqual([]);
    const json = JSON.stringify(view);
    expect(json).toContain("s119 = S119");
    expect(json).toContain("说明".repeat(100));
    expect(decodeFormContext(view.private_metadata)).toEqual({ template: form.command, channelId: "C1", responseUrl: "https://hooks.slack.com/x" });
  });

  it("fills the command template in one pass; empty answers vanish", () => {
    const answers = readAnswers({
      "field:progress": { value: { value: " 60% " } },
      "field:status": { value: { selected_option: null } },
      "field:note": { value: { value: "写了 {status} 字样" } },
      other: { x: { value: "ignored" } },
    });
    expect(answers).toEqual({ progress: "60%", status: "", note: "写了 {status} 字样" });
    expect(fillTemplate(form.command, answers)).toBe("/update 7 60% 写了 {status} 字样");
    expect(fillTemplate("/update 7 {progress} {note}", { progress: "done" })).toBe("/update 7 done");
  });
});
