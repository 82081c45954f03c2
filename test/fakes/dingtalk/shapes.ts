/**
 * What the fake DingTalk accepts, as the real one documents it: sessionWebhook bodies
 * (`msgtype` text / markdown / actionCard) and OpenAPI robot sends (`msgKey` + `msgParam`).
 */

/** DingTalk refuses message text over 20,000 bytes (UTF-8). */
export const MAX_TEXT_BYTES = 20_000;

const str = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
const bytes = (s: string) => Buffer.byteLength(s, "utf8");

export function sessionReplyErrors(body: Record<string, any>): string[] {
  const errors: string[] = [];
  switch (body.msgtype) {
    case "text":
      if (!str(body.text?.content)) errors.push("text.content required");
      else if (bytes(body.text.content) > MAX_TEXT_BYTES) errors.push("text.content too long");
      break;
    case "markdown":
      if (!str(body.markdown?.title)) errors.push("markdown.title required");
      if (!str(body.markdown?.text)) errors.push("markdown.text required");
      else if (bytes(body.markdown.text) > MAX_TEXT_BYTES) errors.push("markdown.text too long");
      break;
    case "actionCard":
      errors.push(...actionCardErrors(body.actionCard ?? {}, "actionCard"));
      break;
    default:
      errors.push(`unsupported msgtype ${String(body.msgtype)}`);
  }
  if (body.at !== undefined) {
    const ids = body.at.atUserIds;
    if (ids !== undefined && (!Array.isArray(ids) || !ids.every(str))) errors.push("at.atUserIds must be a list of user ids");
  }
  return errors;
}

function actionCardErrors(card: Record<string, any>, where: string): string[] {
  const errors: string[] = [];
  if (!str(card.title)) errors.push(`${where}.title required`);
  if (!str(card.text)) errors.push(`${where}.text required`);
  else if (bytes(card.text) > MAX_TEXT_BYTES) errors.push(`${where}.text too long`);
  const single = card.singleTitle !== undefined || card.singleURL !== undefined;
  if (single) {
    if (!str(card.singleTitle) || !str(card.singleURL)) errors.push(`${where}: singleTitle and singleURL go together`);
  } else if (card.btns !== undefined) {
    if (!Array.isArray(card.btns) || !card.btns.length) errors.push(`${where}.btns must be a non-empty list`);
    else for (const [i, b] of card.btns.entries()) if (!str(b?.title) || !str(b?.actionURL)) errors.push(`${where}.btns[${i}] needs title and actionURL`);
  }
  for (const url of [card.singleURL, ...(Array.isArray(card.btns) ? card.btns.map((b: any) => b?.actionURL) : [])]) {
    if (str(url) && !/^(https?:|dtmd:|dingtalk:)/.test(url)) errors.push(`${where}: unsupported link ${url}`);
  }
  return errors;
}

const PARAMS: Record<string, string[]> = {
  sampleText: ["content"],
  sampleMarkdown: ["title", "text"],
  sampleActionCard: ["title", "text", "singleTitle", "singleURL"],
};

export function robotSendErrors(body: Record<string, any>, o: { group: boolean; robotCode: string }): { errors: string[]; param: Record<string, any> } {
  const errors: string[] = [];
  let param: Record<string, any> = {};
  if (body.robotCode !== o.robotCode) errors.push("robotCode does not match the app");
  if (o.group) {
    if (!str(body.openConversationId)) errors.push("openConversationId required");
  } else if (!Array.isArray(body.userIds) || !body.userIds.length || body.userIds.length > 20 || !body.userIds.every(str)) {
    errors.push("userIds must list 1 to 20 user ids");
  }
  const required = PARAMS[body.msgKey as string];
  if (!required) errors.push(`unknown msgKey ${String(body.msgKey)}`);
  if (typeof body.msgParam !== "string") errors.push("msgParam must be a JSON string");
  else {
    try {
      param = JSON.parse(body.msgParam) as Record<string, any>;
    } catch {
      errors.push("msgParam is not JSON");
    }
    for (const k of required ?? []) if (!str(param[k])) errors.push(`msgParam.${k} required`);
    for (const k of ["text", "content"]) if (typeof param[k] === "string" && bytes(param[k]) > MAX_TEXT_BYTES) errors.push(`msgParam.${k} too long`);
  }
  return { errors, param };
}
