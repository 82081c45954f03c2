import { describe, expect, it } from "vitest";
import { LIMITS, renderReply, robotMessage, sendMessageLink, sessionBody, visibleText } from "../../../src/adapters/dingtalk/render.ts";
import { mention, type Reply } from "../../../src/core/reply.ts";
import { sessionReplyErrors } from "../../fakes/dingtalk/shapes.ts";

const card: Reply = {
  blocks: [
    { type: "header", text: "任务 7 · 保护中心建设" },
    { type: "fields", fields: [{ label: "牵头", value: `市市场监管局 ${mention("dingtalk", "staff01", "张三")}` }] },
    { type: "actions", buttons: [
      { actionId: "duban:undo:42", label: "撤销", command: "/undo 42" },
      { actionId: "duban:done:7", label: "标记完成", command: "/update 7 done" },
      { actionId: "duban:update:7", label: "更新…", command: "/update 7", form: { title: "更新", submitLabel: "提交", command: "/update 7 {progress} {note}", fields: [{ id: "progress", label: "进度", kind: "text", required: true }, { id: "note", label: "备注", kind: "text", required: false }] } },
    ] },
  ],
};

describe("DingTalk rendering", () => {
  it("a card with buttons is an ActionCard whose buttons send the equivalent text command", () => {
    const [m] = renderReply(card);
    const body = sessionBody(m!) as { msgtype: string; actionCard: { title: string; text: string; btns: { title: string; actionURL: string }[] } };
    expect(sessionReplyErrors(body)).toEqual([]);
    expect(body.msgtype).toBe("actionCard");
    expect(body.actionCard.title).toBe("任务 7 · 保护中心建设");
    expect(body.actionCard.text).toContain("#### 任务 7");
    expect(body.actionCard.text).toContain("**牵头**：市市场监管局 @张三");
    expect(body.actionCard.btns.map((b) => b.title)).toEqual(["撤销", "标记完成", "更新…"]);
    expect(body.actionCard.btns[0]!.actionURL).toBe("dtmd://dingtalkclient/sendMessage?content=%2Fundo%2042");
    expect(decodeURIComponent(new URL(body.actionCard.btns[1]!.actionURL).searchParams.get("content")!)).toBe("/update 7 done");
    // No modal on DingTalk: the form's command is shown to type.
    expect(body.actionCard.text).toContain("/update 7 <进度> <备注>");
  });

  it("without buttons it is markdown, and DingTalk users are @-mentioned by staff id (notified)", () => {
    const [m] = renderReply({ blocks: [{ type: "text", text: `负责人：${mention("dingtalk", "staff01", "张三")}、${mention("slack", "U1", "Bob")}` }] });
    const body = sessionBody(m!) as any;
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.text).toBe("负责人：@staff01、@Bob");
    expect(body.at).toEqual({ atUserIds: ["staff01"], isAtAll: false });
  });

  it("splits a long reply within the limit, loses nothing, and keeps buttons on the last message", () => {
    const para = "知识产权质押融资登记金额稳步增长。".repeat(30);
    const reply: Reply = { blocks: [...Array.from({ length: 20 }, (_, i) => ({ type: "text" as const, text: `第${i + 1}段 ${para}` })), { type: "actions", buttons: [{ actionId: "a", label: "更多", command: "/tasks page 2" }] }] };
    const messages = renderReply(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(m.text.length).toBeLessThanOrEqual(LIMITS.text);
    expect(messages.slice(0, -1).every((m) => m.buttons.length === 0)).toBe(true);
    expect(messages.at(-1)!.buttons).toHaveLength(1);
    const all = messages.map((m) => visibleText(sessionBody(m))).join("").replace(/\s+/g, "");
    for (let i = 1; i <= 20; i++) expect(all).toContain(`第${i}段${para}`.replace(/\s+/g, ""));
  });

  it("never cuts a mention when one paragraph must be split", () => {
    const long = Array.from({ length: 400 }, (_, i) => `${mention("dingtalk", `staff${i}`, `同事${i}`)}`).join("、");
    const messages = renderReply({ blocks: [{ type: "text", text: long }] });
    expect(messages.length).toBeGreaterThan(1);
    const ids = messages.flatMap((m) => (sessionBody(m) as any).at?.atUserIds ?? []);
    expect(ids).toHaveLength(400);
  });

  it("robot sends use sampleMarkdown with the buttons as links that send the command", () => {
    const [m] = renderReply(card);
    const { msgKey, msgParam } = robotMessage(m!);
    expect(msgKey).toBe("sampleMarkdown");
    const param = JSON.parse(msgParam);
    expect(param.title).toBe("任务 7 · 保护中心建设");
    expect(param.text).toContain(`[撤销](${sendMessageLink("/undo 42")})`);
  });
});
