import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockText, renderReply, type SlackMessage } from "../../../src/adapters/slack/blocks.ts";
import { decodeButtonValue } from "../../../src/adapters/slack/forms.ts";
import { renderSlackMention, splitText } from "../../../src/adapters/slack/text.ts";
import { mention, type Reply } from "../../../src/core/reply.ts";
import { blockKitErrors } from "../../fakes/slack/block-kit.ts";
import { CONTRACT_REPLIES, checkRendering } from "../contract.ts";

/** Everything a member reads in rendered messages, formatting asterisks aside. */
const visible = (messages: SlackMessage[]) =>
  messages.flatMap((m) => m.blocks.flatMap(blockText)).join("\n").replace(/\*/g, "");
const squash = (s: string) => s.replace(/\s+/g, "");

describe("Block Kit rendering", () => {
  it("meets the shared adapter contract (nothing lost, private stays private)", async () => {
    await checkRendering({
      async render(reply) {
        const out = renderReply(reply);
        return { text: visible(out.messages), private: out.private };
      },
      renderMention: renderSlackMention,
    });
  });

  it("renders every contract reply within Slack's limits; `long` is split into several messages", () => {
    for (const reply of Object.values(CONTRACT_REPLIES)) {
      for (const m of renderReply(reply).messages) expect(blockKitErrors(m.blocks, 50)).toEqual([]);
    }
    const long = renderReply(CONTRACT_REPLIES.long!).messages;
    expect(long.length).toBeGreaterThan(1);
    expect(long[0]!.blocks[0]!.type).toBe("header");
    expect(long.every((m) => m.text.length > 0)).toBe(true);
  });

  it("the card: header, context, fields with a real mention, text, buttons", () => {
    const [m] = renderReply(CONTRACT_REPLIES.card!).messages;
    expect(m!.blocks.map((b) => b.type)).toEqual(["header", "context", "section", "section", "actions"]);
    expect(JSON.stringify(m!.blocks[2])).toContain("市市场监管局 <@U1>");
    expect(m!.text).toBe("任务 7 · 加快中国(深圳)知识产权保护中心建设");
    const actions = m!.blocks[4] as { elements: Array<{ action_id: string; value: string; style?: string }> };
    expect(actions.elements.map((e) => e.action_id)).toEqual(["duban:undo:42", "duban:done:7", "duban:update:7"]);
    expect(actions.elements[0]!.style).toBe("danger");
    expect(decodeButtonValue(actions.elements[0]!.value)).toEqual({ command: "/undo 42" });
    expect(decodeButtonValue(actions.elements[2]!.value)?.form?.command).toBe("/update 7 {progress} {note}");
  });

  it("private replies are marked ephemeral-to-be; public ones not", () => {
    expect(renderReply(CONTRACT_REPLIES.privateError!).private).toBe(true);
    expect(renderReply(CONTRACT_REPLIES.card!).private).toBe(false);
  });

  it("escapes markup in text, so user text cannot ping @channel or forge a mention", () => {
    const [m] = renderReply({ blocks: [{ type: "text", text: "a < b & c > d <!channel> <@U9>" }] }).messages;
    expect((m!.blocks[0] as { text: { text: string } }).text.text).toBe("a &lt; b &amp; c &gt; d &lt;!channel&gt; &lt;@U9&gt;");
  });

  it("mentions: Slack members become real mentions, others @name, even in a header", () => {
    const reply: Reply = { blocks: [{ type: "header", text: `${mention("slack", "U123", "张三")} ${mention("discord", "42", "李四")}` }] };
    const [m] = renderReply(reply).messages;
    expect(m!.blocks[0]!.type).toBe("section");
    expect(JSON.stringify(m!.blocks)).toContain("<@U123> @李四");
    expect(renderSlackMention({ platform: "slack", userId: "!channel", name: "x" })).toBe("@x");
  });

  it("splits what exceeds a limit instead of cutting: long header, 3,000-character text, 10 fields, 25 buttons", () => {
    const header = "标题".repeat(100);
    const text = Array.from({ length: 40 }, (_, i) => `第${i}句，知识产权保护中心建设按计划推进。`).join("").repeat(6);
    const reply: Reply = {
      blocks: [
        { type: "header", text: header },
        { type: "text", text },
        { type: "fields", fields: Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `V${i}` })) },
        { type: "actions", buttons: Array.from({ length: 30 }, (_, i) => ({ actionId: i === 29 ? "dup" : i === 28 ? "dup" : `b${i}`, label: `B${i}`, command: `/x ${i}` })) },
      ],
    };
    const messages = renderReply(reply).messages;
    const blocks = messages.flatMap((m) => m.blocks);
    for (const m of messages) expect(blockKitErrors(m.blocks, 50)).toEqual([]);
    expect(blocks.filter((b) => b.type === "section" && "fields" in b && b.fields).map((b) => (b as { fields: unknown[] }).fields.length)).toEqual([10, 10, 3]);
    expect(blocks.filter((b) => b.type === "actions").map((b) => (b as { elements: unknown[] }).elements.length)).toEqual([25, 5]);
    const seen = squash(visible(messages));
    expect(seen).toContain(squash(header));
    expect(seen).toContain(squash(text));
    for (let i = 0; i < 23; i++) expect(seen).toContain(`L${i}V${i}`);
  });

  it("a list longer than one section keeps every item, in order", () => {
    const items = Array.from({ length: 120 }, (_, i) => `任务 ${i + 1} · ${"进展顺利".repeat(10)}`);
    const messages = renderReply({ blocks: [{ type: "list", items, ordered: true }] }).messages;
    const seen = visible(messages);
    let at = 0;
    for (let i = 0; i < items.length; i++) {
      const next = seen.indexOf(`${i + 1}. ${items[i]}`, at);
      expect(next, `item ${i + 1}`).toBeGreaterThanOrEqual(at);
      at = next;
    }
  });

  it("splitText never loses text, never exceeds the limit, never cuts a mention or an entity", () => {
    const piece = fc.constantFrom("保护中心", "。", "，", " ", "\n", "<@U12345>", "&amp;", "abc", "😀", "进度60%");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), fc.integer({ min: 20, max: 200 }), (parts, limit) => {
        const text = parts.join("");
        const out = splitText(text, limit);
        for (const p of out) {
          expect(p.length).toBeLessThanOrEqual(limit);
          expect(p).not.toMatch(/<[^>]*$|^[^<]*>|&[a-z]*$/);
          expect(p).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
        }
        expect(squash(out.join(""))).toBe(squash(text));
      }),
      { numRuns: 200 },
    );
  });
});
