import { expect } from "vitest";
import { action, mention, renderMentions, type Reply } from "../../src/core/reply.ts";

/**
 * The adapter contract: every adapter renders the same neutral replies without losing
 * information. Each adapter's test calls {@link checkRendering} with a function that renders a
 * reply and returns everything a user would see (all messages, embeds, blocks, button labels)
 * as plain text, and how it shows a mention.
 */
export const CONTRACT_REPLIES: Record<string, Reply> = {
  card: {
    blocks: [
      { type: "header", text: "任务 7 · 加快中国(深圳)知识产权保护中心建设" },
      { type: "context", text: "所属部分：二、主要任务" },
      {
        type: "fields",
        fields: [
          { label: "牵头", value: `市市场监管局 ${mention("slack", "U1", "张三")}` },
          { label: "配合", value: "市中级法院、市公安局、市司法局" },
          { label: "状态", value: "进行中 60%" },
        ],
      },
      { type: "text", text: "最新：张三 · 11月20日 10:00 · 保护中心已通过验收" },
      {
        type: "actions",
        buttons: [
          { ...action("undo", 42), label: "撤销", command: "/undo 42", style: "danger" },
          { ...action("done", 7), label: "标记完成", command: "/update 7 done", style: "primary" },
          {
            ...action("update", 7),
            label: "更新…",
            command: "/update 7",
            form: {
              title: "更新任务 7",
              submitLabel: "提交",
              command: "/update 7 {progress} {note}",
              fields: [
                { id: "progress", label: "进度", kind: "text", required: true, placeholder: "60% / done / blocked" },
                { id: "note", label: "备注", kind: "text", required: false, multiline: true },
              ],
            },
          },
        ],
      },
    ],
  },
  list: {
    blocks: [
      { type: "header", text: "任务列表（第 1/3 页）" },
      { type: "list", items: Array.from({ length: 10 }, (_, i) => `${i + 1}. 任务标题 ${i + 1} · 进行中 ${i * 10}%`) },
      { type: "divider" },
      { type: "actions", buttons: [{ ...action("page", "tasks", 2), label: "更多", command: "/tasks page 2" }] },
    ],
  },
  privateError: { blocks: [{ type: "text", text: "参数有误（number）。用法：/task <编号>" }], private: true },
  /** Longer than any single platform text limit: must be split, not cut. */
  long: {
    blocks: [
      { type: "header", text: "周报 · 样例计划" },
      ...Array.from({ length: 60 }, (_, i) => ({
        type: "text" as const,
        text: `第${i + 1}段：` + "知识产权质押融资登记金额稳步增长，保护中心建设按计划推进。".repeat(8),
      })),
    ],
  },
};

/** Every piece of text a reply carries, as a user should be able to read it. */
export function expectedPieces(reply: Reply, renderMention: (m: { platform: string; userId: string; name: string }) => string): string[] {
  const r = (s: string) => renderMentions(s, renderMention);
  const pieces: string[] = [];
  for (const b of reply.blocks) {
    if (b.type === "header" || b.type === "text" || b.type === "context") pieces.push(r(b.text));
    if (b.type === "fields") for (const f of b.fields) pieces.push(r(f.label), r(f.value));
    if (b.type === "list") pieces.push(...b.items.map(r));
    if (b.type === "actions") pieces.push(...b.buttons.map((x) => x.label));
  }
  return pieces;
}

const squash = (s: string) => s.replace(/\s+/g, "");

/**
 * Asserts that the rendered output shows every piece of every contract reply (white space and
 * splitting across messages aside), and that private replies stay private.
 */
export async function checkRendering(adapter: {
  render(reply: Reply): Promise<{ text: string; private: boolean }>;
  renderMention(m: { platform: string; userId: string; name: string }): string;
}): Promise<void> {
  for (const [name, reply] of Object.entries(CONTRACT_REPLIES)) {
    const out = await adapter.render(reply);
    const seen = squash(out.text);
    for (const piece of expectedPieces(reply, adapter.renderMention)) {
      expect(seen, `${name}: "${piece.slice(0, 40)}…" lost`).toContain(squash(piece));
    }
    expect(out.private, `${name}: visibility`).toBe(Boolean(reply.private));
  }
}
