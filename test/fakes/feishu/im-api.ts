import crypto from "node:crypto";
import type http from "node:http";
import type { EphemeralCard, FakeFeishu, StoredMessage } from "./fake-feishu.ts";
import { cardErrors, contentErrors } from "./shapes.ts";

/** A request to the fake Feishu past the token check, with the fake's ways of answering it. */
export interface ImRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  url: URL;
  /** The path with a message id replaced by `:message_id`. */
  route: string;
  body: Record<string, any>;
  form: FormData | undefined;
  answer(status: number, body: unknown): void;
  /** `{ code: 0, data }`, or the failure injected with `failNext(…, { commit: true })`. */
  ok(data: unknown): void;
  /** Records what the real Feishu would refuse, and answers 400 with `code`. */
  refuse(where: string, errors: string[], code?: number): void;
  notify(): void;
}

/**
 * The fake Feishu's IM and contact APIs: uploads, send, reply, in-place card update, ephemeral
 * cards, chat history, message resources and user names. Refuses what the real one would refuse
 * and drops a repeated send with the same `uuid`.
 */
export async function imApi(fake: FakeFeishu, { req, res, url, route, body, form, answer, ok, refuse, notify }: ImRequest): Promise<void> {
  if (req.method === "POST" && (route === "/open-apis/im/v1/files" || route === "/open-apis/im/v1/images")) {
    if (fake.refuseUploads) return answer(400, { code: 99991672, msg: "Access denied. One of the following scopes is required: [im:resource]" });
    const image = route.endsWith("/images");
    const file = form?.get(image ? "image" : "file");
    if (!form || !(file instanceof Blob) || !file.size) return refuse(route, ["no file in the form"], 234001);
    const type = String(form.get(image ? "image_type" : "file_type") ?? "");
    if (image ? type !== "message" : !["opus", "mp4", "pdf", "doc", "xls", "ppt", "stream"].includes(type)) return refuse(route, [`type ${type}`], 234001);
    if (!image && !form.get("file_name")) return refuse(route, ["file_name required"], 234001);
    const key = `${image ? "img_v3_" : "file_v3_"}${crypto.randomUUID().replace(/-/g, "")}`;
    fake.uploads.set(key, { name: String(form.get("file_name") ?? (file as File).name ?? ""), type, bytes: Buffer.from(await file.arrayBuffer()) });
    return ok(image ? { image_key: key } : { file_key: key });
  }
  if (req.method === "POST" && route === "/open-apis/im/v1/messages") {
    const type = url.searchParams.get("receive_id_type");
    if (type !== "chat_id" && type !== "open_id") return refuse(route, [`receive_id_type ${type}`], 99992402);
    const receiver = String(body.receive_id ?? "");
    if (type === "open_id" && fake.unreachable.has(receiver)) return answer(400, { code: 230013, msg: "Bot has NO availability to this user." });
    if (type === "chat_id" && !receiver.startsWith("oc_")) return refuse(route, [`receive_id ${receiver} is not a chat_id`], 230001);
    const { errors } = contentErrors(body.msg_type, body.content);
    if (errors.length) return refuse(route, errors, body.msg_type === "interactive" ? 230099 : 230001);
    if (unknownUpload(fake, body)) return refuse(route, ["no such file_key / image_key"], 230001);
    if (body.uuid !== undefined && (typeof body.uuid !== "string" || body.uuid.length > 50)) return refuse(route, ["uuid longer than 50"], 99992402);
    const earlier = body.uuid ? [...fake.messages.values()].find((m) => m.uuid === body.uuid) : undefined;
    if (earlier) return ok(view(earlier));
    const chatId = type === "open_id" ? fake.p2pChat(receiver) : receiver;
    return ok(view(newMessage(fake, chatId, body.msg_type, body.content, body.uuid ? { uuid: body.uuid } : {})));
  }
  if (req.method === "POST" && route === "/open-apis/im/v1/messages/:message_id/reply") {
    const parent = fake.messages.get(url.pathname.split("/")[5] ?? "");
    if (!parent) return answer(400, { code: 230011, msg: "The message was withdrawn or does not exist." });
    const { errors } = contentErrors(body.msg_type, body.content);
    if (errors.length) return refuse(route, errors, body.msg_type === "interactive" ? 230099 : 230001);
    if (unknownUpload(fake, body)) return refuse(route, ["no such file_key / image_key"], 230001);
    const earlier = body.uuid ? [...fake.messages.values()].find((m) => m.uuid === body.uuid) : undefined;
    if (earlier) return ok(view(earlier));
    return ok(view(newMessage(fake, parent.chat_id, body.msg_type, body.content, { parent_id: parent.message_id, ...(body.uuid ? { uuid: body.uuid } : {}) })));
  }
  if (req.method === "PATCH" && route === "/open-apis/im/v1/messages/:message_id") {
    const m = fake.messages.get(url.pathname.split("/")[5] ?? "");
    if (!m || m.sender.sender_type !== "app" || m.msg_type !== "interactive") return refuse(route, ["only the bot's own cards can be updated"], 230001);
    const { errors, parsed } = contentErrors("interactive", body.content);
    if (errors.length) return refuse(route, errors, 230099);
    if (!JSON.parse(m.content).config?.update_multi) return refuse(route, ["the card is not shared (config.update_multi)"], 230099);
    m.history.push(m.content);
    m.content = body.content;
    fake.patches.push({ message_id: m.message_id, card: parsed });
    return ok({});
  }
  if (req.method === "POST" && route === "/open-apis/ephemeral/v1/send") {
    if (body.msg_type !== "interactive") return refuse(route, ["ephemeral messages are cards"], 230001);
    const errors = cardErrors(body.card);
    if (errors.length) return refuse(route, errors, 230099);
    const e: EphemeralCard = { message_id: `om_eph${crypto.randomUUID().replace(/-/g, "")}`, chat_id: String(body.chat_id), open_id: String(body.open_id), card: body.card };
    fake.ephemerals.push(e);
    return ok({ message_id: e.message_id });
  }
  if (req.method === "GET" && route === "/open-apis/im/v1/messages") {
    const chatId = url.searchParams.get("container_id") ?? "";
    const size = Number(url.searchParams.get("page_size") ?? 20);
    const start = Number(url.searchParams.get("page_token") ?? 0);
    const all = [...fake.messages.values()].filter((m) => m.chat_id === chatId).reverse();
    const items = all.slice(start, start + size).map((m) => view(m));
    const more = start + size < all.length;
    return ok({ has_more: more, items, ...(more ? { page_token: String(start + size) } : {}) });
  }
  if (req.method === "GET" && route.startsWith("/open-apis/im/v1/messages/:message_id/resources/")) {
    const m = fake.messages.get(url.pathname.split("/")[5] ?? "");
    const key = decodeURIComponent(url.pathname.split("/")[7] ?? "");
    if (!m || !m.content.includes(key) || url.searchParams.get("type") !== "file") return answer(400, { code: 234003, msg: "File not in msg." });
    const file = fake.uploads.get(key)!;
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(file.bytes.length) });
    res.end(file.bytes);
    return notify();
  }
  if (req.method === "GET" && route.startsWith("/open-apis/contact/v3/users/")) {
    const name = fake.names.get(decodeURIComponent(route.split("/")[5] ?? ""));
    return name ? ok({ user: { name, open_id: route.split("/")[5] } }) : answer(400, { code: 99991672, msg: "Access denied. One of the following scopes is required: [contact:user.base:readonly]" });
  }
  return answer(404, { code: 404, msg: `no route ${req.method} ${url.pathname}` });
}

function newMessage(fake: FakeFeishu, chatId: string, msgType: string, content: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  const m: StoredMessage = { message_id: `om_${crypto.randomUUID().replace(/-/g, "")}`, chat_id: chatId, msg_type: msgType, content, sender: { id: fake.appId, id_type: "app_id", sender_type: "app" }, create_time: Date.now(), history: [], ...extra };
  fake.messages.set(m.message_id, m);
  return m;
}

function unknownUpload(fake: FakeFeishu, body: Record<string, any>): boolean {
  if (body.msg_type !== "file" && body.msg_type !== "image") return false;
  const c = JSON.parse(body.content);
  return !fake.uploads.has(c.file_key ?? c.image_key);
}

function view(m: StoredMessage) {
  return { message_id: m.message_id, chat_id: m.chat_id, msg_type: m.msg_type, create_time: String(m.create_time), sender: m.sender, body: { content: m.content }, ...(m.parent_id ? { parent_id: m.parent_id } : {}) };
}
