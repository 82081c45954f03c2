/** Robot message payloads as DingTalk pushes them on the `/v1.0/im/bot/messages/get` topic. */

export const ROBOT_TOPIC = "/v1.0/im/bot/messages/get";
export const BOT_USER_ID = "$:LWCP_v1:$botUserId==";
export const CORP_ID = "dingcorp0001";

export interface RobotMessageOptions {
  text: string;
  /** `1` a one-to-one chat with the robot, `2` a group (the robot only hears @-mentions there). */
  conversationType?: "1" | "2";
  conversationId?: string;
  conversationTitle?: string;
  senderStaffId?: string;
  senderNick?: string;
  msgId?: string;
  /** Other people @-mentioned in the text, in order (the robot itself is never listed here). */
  atStaffIds?: string[];
  /** The sessionWebhook the fake serves (`FakeDingTalk.sessionWebhook(id)`). */
  sessionWebhook: string;
  /** Absolute expiry (ms since epoch); default an hour ahead. */
  sessionWebhookExpiredTime?: number;
  robotCode: string;
  isAdmin?: boolean;
}

let seq = 0;

/**
 * A text message to the robot. In a group DingTalk removes the robot's own @ from `text.content`
 * (leaving the leading space) and lists the other @-mentioned people in `atUsers`.
 */
export function robotTextMessage(o: RobotMessageOptions): Record<string, unknown> {
  const group = (o.conversationType ?? "1") === "2";
  const staff = o.senderStaffId ?? "manager4220";
  seq++;
  return {
    conversationId: o.conversationId ?? (group ? "cidGroup0001==" : `cidDm${staff}==`),
    chatbotCorpId: CORP_ID,
    chatbotUserId: BOT_USER_ID,
    msgId: o.msgId ?? `msgFake${Date.now().toString(36)}${seq}`,
    senderNick: o.senderNick ?? "张三",
    isAdmin: o.isAdmin ?? false,
    senderStaffId: staff,
    sessionWebhookExpiredTime: o.sessionWebhookExpiredTime ?? Date.now() + 3600_000,
    createAt: Date.now(),
    senderCorpId: CORP_ID,
    conversationType: group ? "2" : "1",
    senderId: `$:LWCP_v1:$${staff}==`,
    sessionWebhook: o.sessionWebhook,
    robotCode: o.robotCode,
    msgtype: "text",
    text: { content: group ? ` ${o.text}` : o.text },
    ...(group
      ? {
          conversationTitle: o.conversationTitle ?? "知识产权督办群",
          isInAtList: true,
          atUsers: [{ dingtalkId: BOT_USER_ID }, ...(o.atStaffIds ?? []).map((s) => ({ dingtalkId: `$:LWCP_v1:$${s}==`, staffId: s }))],
        }
      : {}),
  };
}
