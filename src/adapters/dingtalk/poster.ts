import type { Reply } from "../../core/reply.ts";
import { PostError, type Poster, type PostTarget } from "../../scheduler/types.ts";
import { MaybePostedError, type OpenApi } from "./openapi.ts";
import { renderReply, robotMessage } from "./render.ts";

const MEMORY = 500;

interface Attempt {
  /** Parts posted so far: part index → reference. */
  parts: Map<number, string>;
  /** The last attempt may have gone through (DingTalk cannot be asked). */
  unsure: boolean;
  /** Every part went out. */
  done: boolean;
}

/**
 * Scheduled digests and reminders through the OpenAPI robot sends: a channel target is a group
 * (`conversationId` = openConversationId), a user target a one-to-one robot message.
 *
 * DingTalk has no way to list a robot's earlier messages, so `findPosted` answers from what this
 * process saw: posted (with its reference), known not posted (refused before sending, e.g.
 * throttled), or "cannot tell" (nothing known: a crash mid-post, or a failure after sending).
 * The scheduler records each delivery in the store before and after posting, and does not send
 * again what it cannot verify, so a digest goes out at most once; an uncertain one is reported
 * in `/digest status`. A reply split into several messages resumes with the missing parts.
 */
export function createDingTalkPoster(api: OpenApi): Poster {
  const attempts = new Map<string, Attempt>();
  const memo = (target: PostTarget, key: string) => `${"userId" in target ? `u:${target.userId}` : `c:${target.channelId}`}\n${key}`;
  const remember = (id: string, a: Attempt) => {
    attempts.delete(id);
    attempts.set(id, a);
    if (attempts.size > MEMORY) attempts.delete(attempts.keys().next().value!);
  };

  return {
    async post(target: PostTarget, reply: Reply, opts: { idempotencyKey?: string } = {}) {
      const messages = renderReply(reply);
      if (!messages.length) throw new PostError("permanent", "nothing to post (empty reply)");
      const id = opts.idempotencyKey ? memo(target, opts.idempotencyKey) : "";
      const attempt: Attempt = (id && attempts.get(id)) || { parts: new Map(), unsure: false, done: false };
      for (const [part, message] of messages.entries()) {
        if (attempt.parts.has(part)) continue;
        try {
          const m = robotMessage(message);
          const ref = "userId" in target ? await api.sendToUser(target.userId, m) : await api.sendToGroup(target.channelId, m);
          attempt.parts.set(part, ref || `${part}`);
        } catch (err) {
          attempt.unsure = err instanceof MaybePostedError || !(err instanceof PostError);
          if (id) remember(id, attempt);
          throw err instanceof PostError ? err : new MaybePostedError(`DingTalk post failed: ${(err as Error).message}`, err);
        }
      }
      attempt.done = true;
      attempt.unsure = false;
      if (id) remember(id, attempt);
      const first = attempt.parts.get(0) ?? [...attempt.parts.values()][0]!;
      return { messageRef: `dingtalk:${first}` };
    },

    async findPosted(target: PostTarget, key: string) {
      const a = attempts.get(memo(target, key));
      if (!a || a.unsure) return undefined;
      if (a.done) return { messageRef: `dingtalk:${a.parts.get(0) ?? [...a.parts.values()][0]}` };
      // Refused before sending (some parts may be out): post() sends only the missing ones.
      return null;
    },
  };
}
