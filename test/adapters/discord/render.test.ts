import { describe, expect, it } from "vitest";
import type { Reply } from "../../../src/core/reply.ts";
import { createComponentCodec, type ButtonRow } from "../../../src/adapters/discord/components.ts";
import { renderMention, renderReply, type DiscordMessage } from "../../../src/adapters/discord/format.ts";
import { LIMITS, splitText } from "../../../src/adapters/discord/limits.ts";
import { CONTRACT_REPLIES, checkRendering } from "../contract.ts";
import { buttonsOf, visibleText } from "./harness.ts";

/** Every Discord limit a message must respect, checked on what we would send. */
function expectWithinLimits(messages: DiscordMessage[]) {
  for (const m of messages) {
    expect((m.content ?? "").length).toBeLessThanOrEqual(LIMITS.content);
    expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    let total = 0;
    for (const e of m.embeds) {
      expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
      expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
      expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fieldsPerEmbed);
      for (const f of e.fields ?? []) {
        expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
        expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
        expect(f.value.length).toBeGreaterThan(0);
      }
      total += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
    }
    expect(total).toBeLessThanOrEqual(LIMITS.charsPerMessage);
    expect(m.components.length).toBeLessThanOrEqual(LIMITS.rowsPerMessage);
    for (const row of m.components) expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    const ids = buttonsOf(m).map((b) => b.custom_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of buttonsOf(m)) {
      expect(b.custom_id.length).toBeLessThanOrEqual(LIMITS.customId);
      expect(b.label.length).toBeLessThanOrEqual(LIMITS.label);
    }
    expect(Boolean(m.content) || m.embeds.length > 0).toBe(true);
  }
}

describe("Discord rendering", () => {
  const codec = createComponentCodec();

  it("meets the shared adapter contract", async () => {
    await checkRendering({
      render: async (reply) => {
        const messages = renderReply(reply, codec);
        expectWithinLimits(messages);
        return { text: messages.map(visibleText).join("\n"), private: Boolean(reply.private) };
      },
      renderMention,
    });
  });

  it("renders the card as one embed with fields and three buttons, mentions of other platforms as @name", () => {
    const [m, ...rest] = renderReply(CONTRACT_REPLIES.card!, codec);
    expect(rest).toEqual([]);
    expect(m!.embeds).toHaveLength(1);
    expect(m!.embeds[0]!.title).toBe("任务 7 · 加快中国(深圳)知识产权保护中心建设");
    expect(m!.embeds[0]!.fields?.[0]).toEqual({ name: "牵头", value: "市市场监管局 @张三", inline: true });
    expect(buttonsOf(m).map((b) => [b.label, b.style])).toEqual([["撤销", 4], ["标记完成", 1], ["更新…", 2]]);
    expect(renderMention({ platform: "discord", userId: "42", name: "x" })).toBe("<@42>");
  });

  it("splits the long reply across messages, in order, without cutting", () => {
    const messages = renderReply(CONTRACT_REPLIES.long!, codec);
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    const text = messages.map(visibleText).join("\n");
    const positions = Array.from({ length: 60 }, (_, i) => text.indexOf(`第${i + 1}段：`));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!))).toBe(true);
  });

  it("keeps oversized pieces whole: a huge field, a long header, 30 fields, 12 buttons, a 10,000-char text", () => {
    const big: Reply = {
      blocks: [
        { type: "header", text: "标题".repeat(200) },
        { type: "fields", fields: [{ label: "说明", value: "很长的值。".repeat(400) }, ...Array.from({ length: 30 }, (_, i) => ({ label: `字段${i}`, value: `值${i}` }))] },
        { type: "text", text: "正文。".repeat(3400) },
        { type: "actions", buttons: Array.from({ length: 27 }, (_, i) => ({ actionId: `a${i}`, label: `按钮${i}`.repeat(i === 0 ? 30 : 1), command: `/task ${i}` })) },
      ],
    };
    const messages = renderReply(big, codec);
    expectWithinLimits(messages);
    const text = messages.map(visibleText).join("\n").replace(/\s+/g, "");
    expect(text).toContain("标题".repeat(200));
    expect(text).toContain("很长的值。".repeat(400));
    expect(text).toContain("正文。".repeat(3400));
    for (let i = 0; i < 30; i++) expect(text).toContain(`字段${i}值${i}`);
    const buttons = messages.flatMap((m) => buttonsOf(m));
    expect(buttons).toHaveLength(27);
    expect(buttons[0]!.label).toMatch(/…$/);
  });

  it("sends short text-only replies as plain content", () => {
    expect(renderReply(CONTRACT_REPLIES.privateError!, codec)).toEqual([{ content: "参数有误（number）。用法：/task <编号>", embeds: [], components: [] }]);
  });

  it("splitText never loses characters and prefers line and sentence ends", () => {
    const text = "第一句话。".repeat(500) + "\n" + "x".repeat(5000);
    const pieces = splitText(text, 1000);
    expect(pieces.every((p) => p.length <= 1000)).toBe(true);
    expect(pieces.join("").replace(/\s+/g, "")).toBe(text.replace(/\s+/g, ""));
    expect(pieces[0]!.endsWith("。")).toBe(true);
  });
});

const idsOf = (groups: ButtonRow[][]) => groups.flat().flatMap((row) => row.components.map((c) => c.custom_id));

describe("Discord buttons and modals", () => {
  const codec = createComponentCodec();
  const form = CONTRACT_REPLIES.card!.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : [])).find((b) => b.form)!.form!;

  it("a plain button carries its command; a long one goes through memory", () => {
    const ids = idsOf(
      codec.rows([
        { actionId: "x", label: "撤销", command: "/undo 42" },
        { actionId: "y", label: "长", command: `/tasks ${"很长".repeat(60)}` },
        { actionId: "z", label: "同", command: "/undo 42" },
      ]),
    );
    expect(codec.decodeButton(ids[0]!)).toEqual({ kind: "command", command: "/undo 42" });
    expect(codec.decodeButton(ids[1]!)).toEqual({ kind: "command", command: `/tasks ${"很长".repeat(60)}` });
    expect(codec.decodeButton(ids[2]!)).toEqual({ kind: "command", command: "/undo 42" });
    expect(new Set(ids).size).toBe(3);
    expect(createComponentCodec().decodeButton(ids[1]!)).toEqual({ kind: "expired" });
    expect(codec.decodeButton("someone-else")).toBeNull();
  });

  it("a form button opens its modal, and after a restart a plain modal from the template", () => {
    const [id] = idsOf(codec.rows([{ actionId: "u", label: "更新…", command: "/update 7", form }]));
    expect(codec.decodeButton(id!)).toEqual({ kind: "form", form });
    const modal = codec.modal(form);
    expect(codec.decodeModal(modal.custom_id)).toEqual({ kind: "template", command: "/update 7 {progress} {note}" });
    const restarted = createComponentCodec().decodeButton(id!);
    expect(restarted?.kind === "form" && restarted.form.fields.map((f) => f.id)).toEqual(["progress", "note"]);
  });

  it("a select field becomes a string select inside a label", () => {
    const modal = codec.modal({
      title: "状态".repeat(40),
      submitLabel: "OK",
      command: "/update 7 {status}",
      fields: [{ id: "status", label: "状态", kind: "select", required: true, options: [{ value: "done", label: "完成" }, { value: "blocked", label: "受阻" }] }],
    });
    expect(modal.title.length).toBeLessThanOrEqual(LIMITS.modalTitle);
    expect(modal.components[0]).toMatchObject({ type: 18, label: "状态", component: { type: 3, custom_id: "status", min_values: 1, options: [{ value: "done" }, { value: "blocked" }] } });
  });
});
