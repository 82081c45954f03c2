import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DingTalkAdapter } from "../../../src/adapters/dingtalk/dingtalk-adapter.ts";
import { tempDataDir } from "../../helpers/cli.ts";
import { readWorkbook } from "../../helpers/xlsx-read.ts";
import { STAFF, startHarness } from "./harness.ts";

/** A DingTalk robot cannot upload a file: /export saves it under DUBAN_DATA_DIR/files and the answer names the path. */
describe("DingTalk: files sent with a reply", () => {
  let h: Awaited<ReturnType<typeof startHarness>>;
  let adapter: DingTalkAdapter;
  const dir = tempDataDir();
  const before = process.env.DUBAN_DATA_DIR;
  beforeAll(async () => {
    process.env.DUBAN_DATA_DIR = dir;
    h = await startHarness();
    adapter = h.makeAdapter();
    await adapter.start();
    await h.fake.waitFor(() => h.fake.socketConnected);
  });
  afterAll(async () => {
    await h?.stop();
    if (before === undefined) delete process.env.DUBAN_DATA_DIR;
    else process.env.DUBAN_DATA_DIR = before;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("/export answers with the summary and the saved workbook's path", async () => {
    h.fake.pushRobotMessage({ text: "/export", senderStaffId: STAFF, session: "dm-x" });
    const [reply] = await h.fake.waitFor(() => (h.fake.repliesTo("dm-x").length ? h.fake.repliesTo("dm-x") : undefined));
    const text = JSON.stringify(reply!.body);
    expect(text).toContain("督办台账");
    const saved = /文件已保存：([^"\\]+\.xlsx)/.exec(text)?.[1];
    expect(saved, text).toBeDefined();
    expect(path.dirname(saved!)).toBe(path.join(dir, "files"));
    expect(readWorkbook(fs.readFileSync(saved!)).map((s) => s.name)).toEqual(["任务台账", "指标", "进展记录"]);
    await adapter.idle();
  });
});
