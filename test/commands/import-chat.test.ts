import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/core/command.ts";
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
    expect((await say(`/import confirm ${id}`)).text).toContain("已确认、取消或过期");
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
