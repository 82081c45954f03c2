import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Adapter } from "../../../src/adapters/contract.ts";
import { findPlatform } from "../../../src/adapters/registry.ts";
import type { IncomingMessage } from "../../../src/core/context.ts";
import { parseMentions } from "../../../src/core/mentions.ts";
import { mention, replySummary, type Reply, type ReplyForm } from "../../../src/core/reply.ts";
import type { PostTarget } from "../../../src/scheduler/types.ts";
import { CONTRACT_REPLIES, checkRendering } from "../contract.ts";
import { BOUND, fakeCore } from "./core-fake.ts";

/** What a rendered button does when clicked, as the platform carries it back. */
export type ClickResult = { command: string; page?: boolean } | { form: ReplyForm } | { typed: string };

/** One adapter under the contract: built on the fake core, with platform-specific read-backs. */
export interface ContractSubject {
  platform: string;
  /** A user id as this platform writes one (for the mention round trip). */
  userId: string;
  /** Creates (and starts, when it needs a connection) the adapter on the given core. */
  open(core: ReturnType<typeof fakeCore>): Promise<{ adapter: Adapter; close(): Promise<void> }>;
  /** How a neutral mention of someone on this platform appears in rendered text. */
  renderMention(m: { platform: string; userId: string; name: string }): string;
  /**
   * How a user's mention of someone reaches the core, when it differs from how the bot writes one
   * (DingTalk: the bot writes `@staffId`, people's mentions arrive as `@name` plus a staff-id list,
   * which the adapter turns into a token). Default: {@link renderMention}.
   */
  inboundMention?(m: { platform: string; userId: string; name: string }): string;
  /** The buttons in rendered payloads: label and what a click does (a command, a form, or a typed fallback). */
  buttons(payloads: unknown[]): { label: string; click: ClickResult }[];
  /**
   * The platform answers a paging button by replacing the page it was on (Slack, Feishu, Discord);
   * elsewhere the next page comes as a new message. Where true, a paging button must come back marked.
   */
  replacesPages?: boolean;
  /** The largest text one payload may carry (splitting); Infinity where there is no limit. */
  maxPayloadText: number;
  /** The text of one payload, for the splitting checks. */
  payloadText(payload: unknown): string;
  /** Where scheduled posts go in the fake platform, and a way to read them back. */
  postTarget: PostTarget;
  posted?(): Promise<string[]>;
}

const squash = (s: string) => s.replace(/\s+/g, "");

/** The contract every adapter passes: the same behaviour a user notices, on every platform. */
export function runContract(subject: ContractSubject): void {
  describe(`adapter contract: ${subject.platform}`, () => {
    let core: ReturnType<typeof fakeCore>;
    let opened: Awaited<ReturnType<ContractSubject["open"]>>;
    beforeAll(async () => {
      core = fakeCore();
      opened = await subject.open(core);
    });
    afterAll(async () => opened?.close());
    const msg = (over: Partial<IncomingMessage>): IncomingMessage => ({ platform: subject.platform, channelId: "C0CHAT", userId: subject.userId, userName: "Alice", text: "", ...over });

    it("is in the registry, with a config schema, env names, a catalog in every locale and a mention syntax", () => {
      const definition = findPlatform(subject.platform)!;
      expect(definition).toBeDefined();
      expect(opened.adapter.name).toBe(subject.platform);
      for (const name of definition.secrets) expect(definition.env).toContain(name);
      expect(Object.keys(definition.catalog).sort()).toEqual(["en", "zh-CN", "zh-TW"]);
      const keys = Object.keys(definition.catalog["zh-CN"]).sort();
      expect(Object.keys(definition.catalog["zh-TW"]).sort()).toEqual(keys);
      expect(Object.keys(definition.catalog.en).sort()).toEqual(keys);
      expect(definition.config.safeParse({}).success && definition.config.parse({})).toBe(null);
    });

    it("renders every reply without loss; private stays private", async () => {
      await checkRendering({ render: async (r) => opened.adapter.render(r), renderMention: subject.renderMention });
    });

    it("a mention it renders is read back as the same person", () => {
      const m = { platform: subject.platform, userId: subject.userId, name: "张三" };
      const text = `市公安局 ${subject.inboundMention ? subject.inboundMention(m) : renderMentionOf(subject, "张三")}`;
      const parsed = parseMentions(findPlatform(subject.platform)!.mentions, text);
      expect(parsed.mentions.map((m) => m.userId)).toEqual([subject.userId]);
      expect(parsed.rest).toBe("市公安局");
    });

    it("splits a long reply into several payloads within its limit, in order, never inside a mention", () => {
      const who = mention(subject.platform, subject.userId, "张三");
      const long: Reply = { blocks: [...CONTRACT_REPLIES.long!.blocks, ...Array.from({ length: 40 }, (_, i) => ({ type: "text" as const, text: `${who} 第${i + 1}条提醒。`.repeat(30) }))] };
      const out = opened.adapter.render(long);
      // A terminal has no limit: one payload. Every chat platform has one.
      if (Number.isFinite(subject.maxPayloadText)) expect(out.payloads.length).toBeGreaterThan(1);
      const rendered = subject.renderMention({ platform: subject.platform, userId: subject.userId, name: "张三" });
      for (const p of out.payloads) {
        const text = subject.payloadText(p);
        expect(text.length).toBeLessThanOrEqual(subject.maxPayloadText);
        // A cut inside a mention leaves a fragment of it at a payload edge.
        if (rendered.length > 3) expect(text.split(rendered).join("")).not.toContain(rendered.slice(0, 3));
      }
      const order = out.payloads.flatMap((p) => subject.payloadText(p).match(/第\d+段/g) ?? []).map((s) => Number(s.slice(1, -1)));
      expect(order).toEqual([...order].sort((a, b) => a - b));
      expect(new Set(order).size).toBe(60);
    });

    it("buttons run their command as the clicking user; paging is marked; a form opens a modal or says what to type", () => {
      const card = subject.buttons(opened.adapter.render(CONTRACT_REPLIES.card!).payloads);
      expect(card.map((b) => b.label)).toEqual(["撤销", "标记完成", "更新…"]);
      const undo = card[0]!.click;
      expect("command" in undo ? undo.command : "typed" in undo ? undo.typed : "").toContain("/undo 42");
      const form = card[2]!.click;
      if ("form" in form) expect(form.form.command).toBe("/update 7 {progress} {note}");
      else expect("typed" in form ? form.typed : "").toContain("/update 7");
      const [more] = subject.buttons(opened.adapter.render(CONTRACT_REPLIES.list!).payloads);
      if ("command" in more!.click) expect(more!.click).toMatchObject({ command: "/tasks page 2", ...(subject.replacesPages ? { page: true } : {}) });
      else expect("typed" in more!.click ? more!.click.typed : "").toContain("/tasks page 2");
    });

    it("dedupes by event id, decides relevance, and answers when the store is down (the core's one policy)", async () => {
      const r = (eventId: string, m: Partial<IncomingMessage>) => core.inbound.receive({ eventId, message: msg(m) });
      const first = await r("e1", { text: "#7 60%", channelId: BOUND });
      expect(first && replySummary(first[0]!)).toBe("stored: #7 60%");
      expect(await r("e1", { text: "#7 60%", channelId: BOUND })).toBeNull();
      expect(core.stored).toEqual(["#7 60%"]);
      expect(await r("e2", { text: "午饭吃什么 12点", channelId: "C0CHAT" })).toBeNull();
      expect((await r("e3", { text: "/probe hi", channelId: "C0CHAT" }))?.map(replySummary)).toEqual(["probe hi"]);
      expect((await r("e4", { text: "hello", isDirect: true, channelId: "D0DM" }))?.map(replySummary)).toEqual(["hint"]);
      core.state.down = true;
      try {
        const down = await r("e5", { text: "#7 80% 已验收", channelId: BOUND });
        expect(down?.map(replySummary).join()).toMatch(/没有写入/);
        expect(await r("e6", { text: "好的", channelId: "C0CHAT" })).toBeNull();
      } finally {
        core.state.down = false;
      }
      expect(core.stored).toEqual(["#7 60%"]);
    });

    it("posts a scheduled message and tells whether a keyed post went out", async () => {
      const key = `duban:digest:contract:${subject.platform}`;
      const poster = opened.adapter.poster;
      // Never posted: "not posted" (null) or, where the platform cannot be asked, "cannot tell" (undefined).
      if (poster.findPosted) expect(await poster.findPosted(subject.postTarget, key)).toBeOneOf([null, undefined]);
      const { messageRef } = await poster.post(subject.postTarget, CONTRACT_REPLIES.card!, { idempotencyKey: key });
      expect(messageRef).toBeTruthy();
      if (poster.findPosted) expect(await poster.findPosted(subject.postTarget, key)).toEqual({ messageRef });
      if (subject.posted) expect(squash((await subject.posted()).join("\n"))).toContain(squash("加快中国(深圳)知识产权保护中心建设"));
    });
  });
}

function renderMentionOf(subject: ContractSubject, name: string): string {
  return subject.renderMention({ platform: subject.platform, userId: subject.userId, name });
}
