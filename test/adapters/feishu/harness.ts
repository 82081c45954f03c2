import { z } from "zod";
import { defineCommand } from "../../../src/core/command.ts";
import { createDispatcher } from "../../../src/core/dispatcher.ts";
import { createInbound } from "../../../src/core/inbound.ts";
import type { ChannelState } from "../../../src/core/model.ts";
import { action, mention, reply } from "../../../src/core/reply.ts";
import type { Store } from "../../../src/core/store.ts";
import { fakeServices } from "../contract/core-fake.ts";
import { CONTRACT_REPLIES } from "../contract.ts";

/** People, chats and files of the Feishu adapter tests (feishu.test.ts, start.test.ts). */
export const ALICE = "ou_a11ce000000000000000000000000001";
export const BOB = "ou_b0b00000000000000000000000000002";
export const GROUP = "oc_group00000000000000000000000001";
export const BOUND = "oc_bound00000000000000000000000001";
export const SECRET = "fs-unit-secret-51ab";

export const XLSX = { name: "督办台账.xlsx", mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) };
export const PNG = { name: "进度.png", mime: "image/png", data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]) };

/** The core on an in-memory store, with commands that answer the way the real ones are shaped. */
export function core() {
  const ledger = new Set<string>();
  /** While set, storing an event in the inbox waits for it (a slow store). */
  const inbox: { gate: Promise<void> | null; stored: string[] } = { gate: null, stored: [] };
  const seen: { text: string; userId: string; userName: string; channelId: string; isDirect: boolean; button?: true }[] = [];
  const store = {
    async claimEvent(platform: string, id: string) {
      const key = `${platform}\n${id}`;
      if (ledger.has(key)) return false;
      ledger.add(key);
      return true;
    },
    async getChannel(_p: string, channelId: string): Promise<ChannelState> {
      return { planId: channelId === BOUND ? 1 : null, locale: null, timezone: null, open: false };
    },
    async getUserLocale() {
      return null;
    },
    async receiveEvent(entry: { platform: string; eventId: string }) {
      if (inbox.gate) await inbox.gate;
      inbox.stored.push(entry.eventId);
      return store.claimEvent(entry.platform, entry.eventId);
    },
    async finishEvent() {},
  } as unknown as Store;
  const { services, logLines } = fakeServices(store);
  const command = (name: string, run: (text: string) => ReturnType<typeof reply>) =>
    defineCommand({ name, aliases: [], summary: "cmd.help.summary", permission: { right: "anyone" }, usage: "cmd.help.usage", args: z.object({ text: z.string() }), run: async (ctx, { text }) => (seen.push({ text: `/${name} ${text}`.trim(), userId: ctx.message.userId, userName: ctx.message.userName, channelId: ctx.message.channelId, isDirect: Boolean(ctx.message.isDirect), ...(ctx.message.button ? { button: true as const } : {}) }), run(text)) });
  const commands = [
    command("probe", (text) => reply([{ type: "text", text: `probe ${text}` }])),
    command("page", (text) => {
      const n = Number(text) || 1;
      return reply([{ type: "header", text: `第 ${n} 页` }, { type: "list", items: [`条目 ${n}`] }, { type: "actions", buttons: [{ ...action("page", "list", n + 1), label: "下一页", command: `/page ${n + 1}` }] }]);
    }),
    command("update", (text) => reply([{ type: "text", text: `已更新：${text}` }])),
    command("undo", (text) => reply([{ type: "text", text: `已撤销：记录 #${text}` }])),
    command("secret", () => reply([{ type: "text", text: "只有你能看到" }], { private: true })),
    // The contract card, its buttons typed as the commands type them.
    command("card", () => ({ blocks: CONTRACT_REPLIES.card!.blocks.map((b) => (b.type === "actions" ? { ...b, buttons: b.buttons.map((x) => ({ ...x, kind: x.actionId.split(":")[1] as "undo" })) } : b)) })),
    command("export", () => ({ ...reply([{ type: "text", text: "台账已导出" }]), files: [XLSX, PNG] })),
    command("who", () => reply([{ type: "text", text: `负责人 ${mention("feishu", BOB, "李四")}` }])),
  ];
  // The command that takes files (as /import does): says what it received.
  commands.push({ ...command("take", () => reply([])), files: async (_ctx, files) => reply([{ type: "text", text: `收到 ${files.map((f) => f.name).join("、")} ${(await files[0]!.fetch(1024)).length} 字节` }]) });
  const dispatcher = createDispatcher({
    commands,
    services,
    freeText: async (ctx) => (ctx.channel.planId === null ? [] : [reply([{ type: "text", text: `stored: ${ctx.message.text}` }])]),
  });
  return { services, dispatcher, inbound: createInbound({ dispatcher, services }), seen, inbox, logLines };
}
