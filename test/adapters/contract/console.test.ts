import { PassThrough, Readable } from "node:stream";
import { createConsoleAdapter } from "../../../src/adapters/console/console-adapter.ts";
import { runContract } from "./suite.ts";

let output = "";

runContract({
  platform: "console",
  userId: "张三",
  async open(core) {
    output = "";
    const out = new PassThrough();
    out.on("data", (chunk: Buffer) => void (output += chunk.toString("utf8")));
    const adapter = createConsoleAdapter({ dispatcher: core.dispatcher, inbound: core.inbound, input: Readable.from([]), output: out, interactive: false, userId: "alice", userName: "Alice", locale: "zh-CN" });
    return { adapter, close: async () => void out.end() };
  },
  renderMention: (m) => `@${m.name}`,
  // `[撤销] （或输入 /undo 42）`: a terminal has no buttons; each shows the command to type.
  buttons: (payloads) =>
    (payloads as string[]).flatMap((text) => [...text.matchAll(/\[([^\]]+)\]\s*[（(]([^）)]*)[）)]/g)].map((m) => ({ label: m[1]!, click: { typed: m[2]! } }))),
  maxPayloadText: Infinity,
  payloadText: (p) => p as string,
  postTarget: { platform: "console", channelId: "console" },
  posted: async () => [output],
});
