import { describe, expect, it } from "vitest";
import { parseRobotMessage, type RobotPayload } from "../../../src/adapters/dingtalk/parse.ts";
import { BOT_USER_ID, robotTextMessage } from "../../fakes/dingtalk/payloads.ts";

const payload = (o: Partial<Parameters<typeof robotTextMessage>[0]> & { text: string }) =>
  robotTextMessage({ sessionWebhook: "http://127.0.0.1:1/robot/sendBySession?session=s1", robotCode: "app", ...o }) as RobotPayload;

describe("DingTalk robot messages", () => {
  it("reads a DM: the staff id is the user, the conversation the channel, the msgId the event id", () => {
    const r = parseRobotMessage(payload({ text: "/task 7", msgId: "msgA", senderStaffId: "staff01", senderNick: "李四" }));
    expect(r).toMatchObject({ ok: true, message: { eventId: "msgA", userId: "staff01", userName: "李四", text: "/task 7", isDirect: true, addressed: true } });
    if (r.ok) expect(r.message.sessionWebhook).toContain("session=s1");
  });

  it("reads a group @-mention: not direct, addressed, leading space gone", () => {
    const r = parseRobotMessage(payload({ text: "#7 60% 已验收", conversationType: "2", conversationId: "cidG==" }));
    expect(r).toMatchObject({ ok: true, message: { channelId: "cidG==", text: "#7 60% 已验收", isDirect: false, addressed: true } });
  });

  it("drops the robot's own @ when it is left in the text", () => {
    const r = parseRobotMessage(payload({ text: "@督办 #7 60% 已验收", conversationType: "2" }));
    expect(r.ok && r.message.text).toBe("#7 60% 已验收");
  });

  it("turns @-mentioned people into tokens with their staff ids, in order (DingTalk ends a mention with U+2005)", () => {
    const r = parseRobotMessage(payload({ text: "/owner 7 @王五\u2005@赵六\u2005", conversationType: "2", atStaffIds: ["s-wang", "s-zhao"] }));
    expect(r.ok && r.message.text).toBe("/owner 7 <@s-wang|王五> <@s-zhao|赵六>");
  });

  it("leaves @names alone when they do not match the mentioned people one for one", () => {
    const r = parseRobotMessage(payload({ text: "/owner 7 @王五 @赵六", conversationType: "2", atStaffIds: ["s-wang"] }));
    expect(r.ok && r.message.text).toBe("/owner 7 @王五 @赵六");
  });

  it("refuses what it cannot handle with a reason: pictures, no sender staff id, no msgId", () => {
    expect(parseRobotMessage({ ...payload({ text: "x" }), msgtype: "picture" })).toMatchObject({ ok: false, reason: expect.stringContaining("picture") });
    expect(parseRobotMessage({ ...payload({ text: "x" }), senderStaffId: "" })).toMatchObject({ ok: false, reason: expect.stringContaining("senderStaffId") });
    expect(parseRobotMessage({ ...payload({ text: "x" }), msgId: undefined })).toMatchObject({ ok: false });
    expect(BOT_USER_ID).toBeTruthy();
  });
});
