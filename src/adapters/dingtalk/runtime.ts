import path from "node:path";
import { withSavedFiles } from "../files.ts";
import type { LogSink } from "../../core/command.ts";
import type { IncomingMessage } from "../../core/context.ts";
import type { Accepted } from "../../core/inbound.ts";
import type { Reply } from "../../core/reply.ts";
import { PostError } from "../../scheduler/types.ts";
import type { OpenApi } from "./openapi.ts";
import { parseRobotMessage, type RobotMessage, type RobotPayload } from "./parse.ts";
import { PLATFORM, renderReply, robotMessage, sessionBody, type DingMessage } from "./render.ts";
import { StreamClient, TOPIC_ROBOT, type DWClientDownStream } from "./stream.ts";


export interface RuntimeDeps {
  /**
   * The core's inbound path: relevance, dedupe by event id and the inbox (stored when this
   * resolves), before the frame is acknowledged. Null: nothing to handle.
   */
  accept(event: { eventId: string; message: IncomingMessage }): Promise<Accepted | null>;
  /** Runs work after the acknowledgement, tracked for shutdown. */
  track(what: string, work: () => Promise<void>): Promise<void>;
  log: LogSink;
  /**
   * Where files sent with replies are saved (a robot cannot upload them): the reply names each
   * file and its path. Default: `files/` in DUBAN_DATA_DIR.
   */
  filesDir?: string;
}

/** A sessionWebhook is not used in its last minute (the reply would race its expiry). */
const WEBHOOK_MARGIN_MS = 60_000;

/**
 * The stream side of the adapter: each robot message is read and stored in the core's inbox,
 * then acknowledged (DingTalk pushes an unacknowledged one again), then handled and its replies delivered — through
 * the message's sessionWebhook while it is valid, otherwise through the robot-send API; a
 * private reply to a group message goes to the asker one-to-one.
 */
export function createRuntime(client: StreamClient, api: OpenApi, deps: RuntimeDeps, now: () => number = Date.now) {
  const { log } = deps;
  const filesDir = deps.filesDir ?? path.resolve(process.env.DUBAN_DATA_DIR ?? "data", "files");

  /** Stores the robot message in the inbox, then acknowledges the frame, then handles the message (tracked by the caller). */
  async function onFrame(frame: DWClientDownStream): Promise<void> {
    const messageId = frame.headers?.messageId;
    const ack = () => {
      if (messageId) client.socketCallBackResponse(messageId, { status: "SUCCESS" });
    };
    let payload: RobotPayload;
    try {
      payload = JSON.parse(frame.data) as RobotPayload;
    } catch {
      ack();
      return void log.warn({ messageId }, "dingtalk: robot frame without JSON data ignored");
    }
    const parsed = parseRobotMessage(payload);
    if (!parsed.ok) {
      ack();
      return void log.debug({ messageId, reason: parsed.reason }, "dingtalk: robot message ignored");
    }
    const m = parsed.message;
    // accept() never throws: a store that cannot be written still gets the message handled (not durably).
    const accepted = await deps.accept({ eventId: m.eventId, message: toIncoming(m) });
    ack();
    if (accepted) await handle(m, accepted);
  }

  function toIncoming(m: RobotMessage): IncomingMessage {
    return {
      platform: PLATFORM,
      channelId: m.channelId,
      userId: m.userId,
      userName: m.userName,
      text: m.text,
      messageId: m.eventId,
      isDirect: m.isDirect,
      addressed: m.addressed,
    };
  }

  async function handle(m: RobotMessage, accepted: Accepted): Promise<void> {
    const replies = await accepted.process();
    for (const reply of replies ?? []) await deliver(m, reply);
  }

  /** One reply's messages, in order; a failed one is logged and the rest are still tried. */
  async function deliver(m: RobotMessage, reply: Reply): Promise<void> {
    const privately = Boolean(reply.private) && !m.isDirect;
    let shown = reply;
    try {
      shown = withSavedFiles(reply, filesDir);
    } catch (err) {
      log.error({ err: (err as Error).message, dir: filesDir }, "dingtalk: files of a reply could not be saved");
    }
    for (const dm of renderReply(shown)) {
      try {
        if (privately) await sendPrivately(m, dm);
        else await sendToConversation(m, dm);
      } catch (err) {
        log.warn({ channel: m.channelId, err: (err as Error).message }, "dingtalk: reply not delivered");
      }
    }
  }

  async function sendToConversation(m: RobotMessage, dm: DingMessage): Promise<void> {
    if (m.sessionWebhook && (m.sessionWebhookExpiresAt ?? Infinity) - WEBHOOK_MARGIN_MS > now()) {
      await api.replyToSession(m.sessionWebhook, sessionBody(dm));
      return;
    }
    if (m.isDirect) await api.sendToUser(m.userId, robotMessage(dm));
    else await api.sendToGroup(m.channelId, robotMessage(dm));
  }

  async function sendPrivately(m: RobotMessage, dm: DingMessage): Promise<void> {
    try {
      await api.sendToUser(m.userId, robotMessage(dm));
    } catch (err) {
      if (!(err instanceof PostError) || err.kind !== "dm_unavailable") throw err;
      log.info({ channel: m.channelId }, "dingtalk: asker cannot be messaged one-to-one; answering in the group");
      await sendToConversation(m, dm);
    }
  }

  return {
    listen(): void {
      client.registerCallbackListener(TOPIC_ROBOT, (frame) => void deps.track("dingtalk message", () => onFrame(frame)));
    },
    /** For tests: handle a frame as if it came from the stream. */
    onFrame,
  };
}
