import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/core/command.ts";
import { manualClock } from "../../src/core/clock.ts";
import { AttachmentError, type Attachment } from "../../src/core/context.ts";
import { testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { ADMINS, people } from "./people-chat.ts";

const PLAN = ["某县知识产权工作方案（2025—2026年）", "一、重点任务", "1.培育高价值专利。（县市场监管局牵头，县科技局配合）", "2.加强执法。（县公安局负责）"];

describe("/import in the console: preview, then Confirm or Cancel", () => {
  let t: TestDatabase;
  let services: Services;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duban-import-chat-"));
  const file = (name: string, lines: string[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, lines.join("\n"));
    return p;
  };
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    services = testServices(t.db, {}).services;
    services.settings = { ...services.settings, admins: ADMINS };
  });
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it("shows the summary with Confirm / Cancel and writes nothing until Confirm", async () => {
    const say = people(services, { userId: "admin", userName: "Admin" });
    const shown = await say(`/import ${file("v1.txt", PLAN)}`);
    expect(shown.text).toContain("导入预览（尚未写入）：某县知识产权工作方案（2025—2026年）");
    expect(shown.text).toContain("2 项任务 · 3 个单位 · 0 项指标");
    expect(shown.text).toContain("这是新计划");
    expect(await services.store.listPlans()).toEqual([]);
    const id = /\/import confirm (\w+)/.exec(shown.text)![1]!;
    expect((await people(services, { userId: "other" })(`/import cancel ${id}`)).text).toContain("机器人管理员");
    const saved = await say(`/import confirm ${id}`);
    expect(saved.text).toContain("已导入 某县知识产权工作方案（2025—2026年）");
    expect(saved.text).toContain("新建");
    expect((await services.store.listPlans()).length).toBe(1);
    expect((await say(`/import confirm ${id}`)).text).toContain("已确认、取消");
  });

  it("a revised plan shows what changes before confirming; Cancel writes nothing", async () => {
    const say = people(services, { userId: "admin", userName: "Admin" });
    const revised = [...PLAN, "3.加强宣传。（县委宣传部负责）"];
    const shown = await say(`/import ${file("v2.txt", revised)}`);
    expect(shown.text).toContain("与已导入的版本相比");
    expect(shown.text).toContain("task 3 added");
    const id = /\/import cancel (\w+)/.exec(shown.text)![1]!;
    expect((await say(`/import cancel ${id}`)).text).toContain("没有写入任何内容");
    const [plan] = await services.store.listPlans();
    expect(await services.store.listTaskNumbers(plan!.id)).toEqual(["1", "2"]);
  });

  it("refuses non-admins, unknown types, missing files and files without tasks, each in one clear line", async () => {
    const say = people(services, { userId: "admin", userName: "Admin" });
    expect((await people(services, { userId: "nosy" })(`/import ${file("x.txt", PLAN)}`)).text).toContain("只有机器人管理员");
    expect((await say(`/import ${file("photo.jpg", ["x"])}`)).text).toContain("不支持");
    expect((await say(`/import ${path.join(dir, "missing.txt")}`)).text).toContain("读不到文件");
    expect((await say(`/import ${file("notice.txt", ["关于开会的通知", "请准时参加。"])}`)).text).toContain("无法导入");
  });
});

/** A file as an adapter hands it over; `fetched` counts downloads. */
function attachment(name: string, body: string | Buffer, over: Partial<Attachment> = {}) {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  const file = { fetched: 0, name, size: bytes.length, async fetch(max: number) {
    file.fetched++;
    if (bytes.length > max) throw new AttachmentError("too_large", "too large");
    return new Uint8Array(bytes);
  }, ...over };
  return file;
}

describe("import of a file sent in chat (core path every adapter shares)", () => {
  let t: TestDatabase;
  let services: Services;
  const clock = manualClock("2026-11-20T02:00:00Z");
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    services = testServices(t.db, { clock }).services;
    services.settings = { ...services.settings, admins: ADMINS };
  });
  afterAll(async () => t?.cleanup());
  const dm = { platform: "slack", channelId: "D0ADMIN", isDirect: true, addressed: true };

  it("a file in an admin's DM gets the preview; a restart before Confirm loses nothing", async () => {
    const file = attachment("方案.txt", PLAN.join("\n"));
    const shown = await people(services, { ...dm, userId: "UADMIN" })("", { attachments: [file] });
    expect(shown.text).toContain("导入预览（尚未写入）：某县知识产权工作方案（2025—2026年）");
    expect(shown.text).toContain("24 小时内确认");
    expect(shown.replies.flatMap((r) => r.blocks).filter((b) => b.type === "actions").flatMap((b) => (b.type === "actions" ? b.buttons.map((x) => x.kind) : []))).toEqual(["import-confirm", "import-cancel"]);
    expect(await services.store.listPlans()).toEqual([]);
    const id = /\/import confirm (\w+)/.exec(shown.text)![1]!;
    // A restart: new services and dispatcher over the same database, nothing kept in memory.
    const restarted = testServices(t.db, { clock }).services;
    restarted.settings = { ...restarted.settings, admins: ADMINS };
    const saved = await people(restarted, { ...dm, userId: "UADMIN" })(`/import confirm ${id}`);
    expect(saved.text).toContain("已导入 某县知识产权工作方案（2025—2026年）");
    expect((await restarted.store.listPlans()).length).toBe(1);
  });

  it("a preview older than 24 hours is refused as expired, saying nothing was written", async () => {
    const say = people(services, { ...dm, userId: "UADMIN" });
    const shown = await say("", { attachments: [attachment("v3.txt", [...PLAN, "3.加强宣传。（县委宣传部负责）"].join("\n"))] });
    expect(shown.text).toContain("task 3 added");
    const id = /\/import confirm (\w+)/.exec(shown.text)![1]!;
    clock.advance(25 * 3_600_000);
    const late = await say(`/import confirm ${id}`);
    expect(late.text).toContain("已过期（超过 24 小时）");
    expect(late.text).toContain("没有写入任何内容");
    const [plan] = await services.store.listPlans();
    expect(await services.store.listTaskNumbers(plan!.id)).toEqual(["1", "2"]);
    expect((await say(`/import confirm ${id}`)).text).toContain("已确认、取消");
  });

  it("refuses non-admins, wrong types and oversized files before downloading them; a failed download says so", async () => {
    const admin = people(services, { ...dm, userId: "UADMIN" });
    const plan = attachment("plan.docx", PLAN.join("\n"));
    expect((await people(services, { ...dm, userId: "UNOSY" })("", { attachments: [plan] })).text).toContain("只有机器人管理员");
    const photo = attachment("photo.jpg", "x");
    expect((await admin("", { attachments: [photo] })).text).toContain("不支持“photo.jpg”");
    const huge = attachment("huge.pdf", "x", { size: 21 * 1024 * 1024 });
    expect((await admin("", { attachments: [huge] })).text).toContain("有 21.0 MB，超过上限 20 MB");
    const lying = attachment("lying.pdf", Buffer.alloc(64), { size: 10 });
    lying.fetch = async () => {
      throw new AttachmentError("too_large", "more than 20 MB");
    };
    expect((await admin("", { attachments: [lying] })).text).toContain("超过上限 20 MB");
    const broken = attachment("gone.docx", "x", {
      fetch: async () => {
        throw new AttachmentError("unavailable", "HTTP 404");
      },
    });
    expect((await admin("", { attachments: [broken] })).text).toContain("无法下载文件“gone.docx”：HTTP 404");
    expect([plan.fetched, photo.fetched, huge.fetched]).toEqual([0, 0, 0]);
    expect(await services.store.listPlans()).toHaveLength(1);
  });

  it("a file posted in a channel without mentioning the bot is not taken for an import", async () => {
    const file = attachment("notes.txt", PLAN.join("\n"));
    const out = await people(services, { platform: "slack", channelId: "C0TALK", userId: "UADMIN" })("看看这个", { attachments: [file] });
    expect(out.text).not.toContain("导入预览");
    expect(file.fetched).toBe(0);
  });
});
