import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnavailableError } from "../../../src/core/errors.ts";
import { channelMessage, eventCallback } from "../../fakes/slack/payloads.ts";
import { PLAN_CHANNEL, startHarness, type Harness } from "./harness.ts";

/**
 * Issue 17 item 3: while the store is unreachable, every message that would have been an update
 * gets an answer ("nothing was written, please try again"), in a bound channel and in a DM;
 * chat without a number still gets none. Before, the Slack handler's channel lookup threw
 * before the dispatcher and the member heard nothing.
 */
describe("Slack while the store is unreachable", () => {
  let h: Harness;
  const saved = new Map<string, unknown>();
  beforeAll(async () => {
    h = await startHarness({ productionCommands: true });
    // Every store call fails as it does when the PostgreSQL connection is cut.
    const store = h.services.store as unknown as Record<string, unknown>;
    for (const [name, fn] of Object.entries(store)) {
      if (typeof fn !== "function") continue;
      saved.set(name, fn);
      store[name] = async () => {
        throw new UnavailableError(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
      };
    }
  });
  afterAll(async () => {
    const store = h?.services.store as unknown as Record<string, unknown> | undefined;
    if (store) for (const [name, fn] of saved) store[name] = fn;
    await h?.close();
  });

  const threadReply = (ts: string) => h.fake.waitFor(() => h.fake.apiCalls.find((c) => c.method.startsWith("chat.post") && c.args.thread_ts === ts));

  it("an update typed in a bound channel is answered in its thread: not stored, please resend", async () => {
    const msg = channelMessage({ text: "#7 60% 保护中心已通过验收", ts: "1700000500.000001" });
    const res = await h.post({ json: eventCallback(msg) });
    expect(res.status).toBe(200);
    const answer = await threadReply(msg.ts);
    expect(JSON.stringify(answer.args)).toContain("没有写入");
  });

  it("a burst of updates: every one is answered", async () => {
    const msgs = Array.from({ length: 6 }, (_, i) => channelMessage({ text: `#7 ${60 + i}%`, ts: `1700000600.00000${i}` }));
    await Promise.all(msgs.map((m) => h.post({ json: eventCallback(m) })));
    for (const m of msgs) expect(JSON.stringify((await threadReply(m.ts)).args)).toContain("没有写入");
  });

  it("a DM update is answered the same way; chat without a number in the channel is not", async () => {
    const dm = channelMessage({ text: "7号任务完成了", channel: "D0ALICE", channelType: "im", ts: "1700000700.000001" });
    await h.post({ json: eventCallback(dm) });
    const answer = await h.fake.waitFor(() => h.fake.apiCalls.find((c) => c.method.startsWith("chat.post") && c.args.channel === dm.channel));
    expect(JSON.stringify(answer.args)).toContain("没有写入");
    const chat = channelMessage({ text: "大家中午好", ts: "1700000701.000001" });
    await h.post({ json: eventCallback(chat) });
    await h.adapter.idle();
    expect(h.fake.apiCalls.filter((c) => c.args.thread_ts === chat.ts)).toEqual([]);
    expect(PLAN_CHANNEL).toBe(chat.channel);
  });
});
