import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import type { IncomingMessage } from "../../src/core/context.ts";
import { createInbound, type Inbound } from "../../src/core/inbound.ts";
import { replySummary, type Reply } from "../../src/core/reply.ts";
import type { Poster, PostTarget } from "../../src/scheduler/types.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { testDispatcher, testServices, type LogLine } from "../helpers/core.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/** A platform the core has never heard of: the inbox needs nothing from an adapter but its poster. */
const PLATFORM = "fakechat";
const CHANNEL = "C0INBOX";
const T0 = "2026-11-20T02:00:00Z";

/** The poster of the fake adapter: remembers every post. */
function recordingPoster() {
  const posts: { target: PostTarget; reply: Reply; key?: string }[] = [];
  const poster: Poster = {
    async post(target, reply, options) {
      posts.push({ target, reply, ...(options?.idempotencyKey ? { key: options.idempotencyKey } : {}) });
      return { messageRef: `ref${posts.length}` };
    },
  };
  return { poster, posts };
}

const text = (r: Reply) => r.blocks.map((b) => ("text" in b ? b.text : "")).join("\n");

for (const backend of BACKENDS) {
  describe(`inbox: durable before acknowledged, resumed on start (${backend})`, () => {
    let t: TestDatabase;
    const clock = manualClock(T0);
    beforeAll(async () => {
      t = await openTestDatabase(backend);
      const { planId } = await savePlan(t.db.prisma, samplePlan(), { name: "s", hash: "h" });
      const { services } = testServices(t.db);
      await services.store.updateChannel(PLATFORM, CHANNEL, { planId });
      // An open channel: anyone there may update the plan's tasks.
      await services.store.setChannelOpen(PLATFORM, CHANNEL, planId, true);
    });
    afterAll(async () => t?.cleanup());

    /** One running instance of the bot: the core's inbound path over the shared store. */
    function instance(leaseMs = 60_000): { inbound: Inbound; logLines: LogLine[] } {
      const { services, logLines } = testServices(t.db, { clock });
      return { inbound: createInbound({ dispatcher: testDispatcher(services), services, leaseMs }), logLines };
    }
    const message = (m: Partial<IncomingMessage> & { text: string; messageId: string }): IncomingMessage => ({
      platform: PLATFORM,
      channelId: CHANNEL,
      userId: "U1",
      userName: "王五",
      ...m,
    });
    const stored = (messageId: string) => t.db.prisma.progressUpdate.count({ where: { sourcePlatform: PLATFORM, sourceMessageId: messageId } });
    const inboxRow = (eventId: string) => t.db.prisma.processedEvent.findUnique({ where: { platform_eventId: { platform: PLATFORM, eventId } } });

    it("events accepted by an instance that died before handling them are handled once by the next, answered through the poster", async () => {
      clock.set(T0);
      const dead = instance();
      // The fake adapter acknowledges each event once accept() resolved; the process is then killed.
      const update = await dead.inbound.accept({ eventId: "ev-update", message: message({ text: "#7 60% 收件箱测试", messageId: `${CHANNEL}:1.1` }), thread: "1.1" });
      const dm = await dead.inbound.accept({ eventId: "ev-dm", message: message({ text: "/task 7", messageId: "D1:2.2", channelId: "D1", isDirect: true, addressed: true }) });
      const chatter = await dead.inbound.accept({ eventId: "ev-chat", message: message({ text: "午饭吃什么", messageId: "C0UNBOUND:3.3", channelId: "C0UNBOUND" }) });
      expect(update).not.toBeNull();
      expect(dm).not.toBeNull();
      expect(chatter).toBeNull(); // not for the bot: nothing stored, nothing to resume
      // One more was handled before the kill: it is done and must not be answered again.
      const handled = await dead.inbound.receive({ eventId: "ev-done", message: message({ text: "#1 30% 已处理", messageId: `${CHANNEL}:4.4` }) });
      expect(handled?.map(replySummary).join()).toContain("已记录");
      expect((await inboxRow("ev-update"))?.status).toBe("received");
      expect((await inboxRow("ev-done"))?.status).toBe("done");
      expect(await stored(`${CHANNEL}:1.1`)).toBe(0);

      // The restarted instance, after the dead one's lease ran out.
      clock.advance(61_000);
      const next = instance();
      const { poster, posts } = recordingPoster();
      expect(await next.inbound.resume(PLATFORM, poster)).toBe(2);
      expect(await stored(`${CHANNEL}:1.1`)).toBe(1);
      expect(await stored(`${CHANNEL}:4.4`)).toBe(1);

      // The update's answer goes to its channel, in its thread, saying it was received before a restart.
      const channelPosts = posts.filter((p) => "channelId" in p.target);
      expect(channelPosts.map((p) => p.target)).toEqual([{ platform: PLATFORM, channelId: CHANNEL, threadId: "1.1" }]);
      const first = channelPosts[0]!.reply;
      expect(first.blocks[0]).toMatchObject({ type: "context" });
      expect(text(first)).toContain("服务重启前已收到");
      expect(text(first)).toContain(`<@${PLATFORM}:U1|王五>`);
      expect(text(first)).toContain("#7 60% 收件箱测试");
      expect(text(first)).toContain("已记录");
      // The DM's answer goes to the user directly.
      const dmPosts = posts.filter((p) => "userId" in p.target);
      expect(dmPosts.length).toBeGreaterThan(0);
      expect(dmPosts[0]!.target).toEqual({ platform: PLATFORM, userId: "U1" });
      expect(text(dmPosts[0]!.reply)).toContain("服务重启前已收到，现在处理：“/task 7”");
      expect(posts.every((p) => p.key?.startsWith("inbox:"))).toBe(true);

      // Once: a second pass, another instance, and a redelivery of a resumed event do nothing.
      expect(await next.inbound.resume(PLATFORM, poster)).toBe(0);
      clock.advance(120_000);
      expect(await instance().inbound.resume(PLATFORM, recordingPoster().poster)).toBe(0);
      expect(await next.inbound.accept({ eventId: "ev-update", message: message({ text: "#7 60% 收件箱测试", messageId: `${CHANNEL}:1.1` }) })).toBeNull();
      expect((await inboxRow("ev-update"))?.status).toBe("done");
      expect(await stored(`${CHANNEL}:1.1`)).toBe(1);
    });

    it("an event another live instance is handling is left to it until its lease runs out", async () => {
      clock.set("2026-11-20T03:00:00Z");
      const live = instance(60_000);
      const accepted = await live.inbound.accept({ eventId: "ev-live", message: message({ text: "#1 40% 正在处理", messageId: `${CHANNEL}:5.5` }) });
      expect(accepted).not.toBeNull();
      clock.advance(10_000);
      const other = recordingPoster();
      expect(await instance().inbound.resume(PLATFORM, other.poster)).toBe(0);
      // The live instance's own pass leaves it alone too (it is in its hands).
      clock.advance(120_000);
      expect(await live.inbound.resume(PLATFORM, other.poster)).toBe(0);
      await accepted!.process();
      expect((await inboxRow("ev-live"))?.status).toBe("done");
      expect(await instance().inbound.resume(PLATFORM, other.poster)).toBe(0);
      expect(other.posts).toEqual([]);
      expect(await stored(`${CHANNEL}:5.5`)).toBe(1);
    });

    it("a pass told to stop (shutdown) ends after the event in hand; the rest wait for the next start", async () => {
      clock.set("2026-11-20T05:00:00Z");
      const dead = instance();
      for (const n of [1, 2, 3]) await dead.inbound.accept({ eventId: `ev-stop-${n}`, message: message({ text: `#1 ${n}0% 停机${n}`, messageId: `${CHANNEL}:7.${n}` }) });
      clock.advance(61_000);
      const { poster, posts } = recordingPoster();
      expect(await instance().inbound.resume(PLATFORM, poster, { stopping: () => posts.length > 0 })).toBe(1);
      clock.advance(61_000);
      expect(await instance().inbound.resume(PLATFORM, poster)).toBe(2);
      for (const n of [1, 2, 3]) expect(await stored(`${CHANNEL}:7.${n}`)).toBe(1);
    });

    it("an event older than a day is not answered any more: it is marked expired and logged", async () => {
      clock.set("2026-11-21T00:00:00Z");
      await instance().inbound.accept({ eventId: "ev-old", message: message({ text: "#1 20% 很久以前", messageId: `${CHANNEL}:6.6` }) });
      clock.advance(25 * 3_600_000);
      const next = instance();
      const { poster, posts } = recordingPoster();
      expect(await next.inbound.resume(PLATFORM, poster)).toBe(0);
      expect(posts).toEqual([]);
      expect(await stored(`${CHANNEL}:6.6`)).toBe(0);
      expect((await inboxRow("ev-old"))?.status).toBe("expired");
      const warning = next.logLines.find((l) => l.level === "warn" && /too old/.test(l.msg ?? ""));
      expect(JSON.stringify(warning?.obj)).toContain("ev-old");
    });
  });
}
