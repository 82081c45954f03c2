import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/core/command.ts";
import { parsePlanDocument } from "../../src/importer/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";
import { ADMINS, people } from "./people-chat.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("unit groups: tasks given to 各县、区人民政府 reach each county and district", () => {
  let t: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const seed = fs.readdirSync(path.join(ROOT, "seeds")).find((f) => f.startsWith("002_"))!;
    const [plan] = parsePlanDocument(fs.readFileSync(path.join(ROOT, "seeds", seed))).plans;
    const { planId } = await savePlan(t.db.prisma, plan!, { name: seed, hash: "h" });
    const base = samplePlan();
    const sample = samplePlan({
      slug: "sample-groups",
      tasks: [
        ...base.tasks,
        { ...base.tasks[0]!, number: "9", title: "建设区级保护工作站", text: "建设区级保护工作站。(各区政府负责)", units: [{ name: "各区政府", role: "responsible" }] },
      ],
      units: [...base.units, { name: "各区政府", aliases: [] }],
    });
    const other = (await savePlan(t.db.prisma, sample, { name: "sample.txt", hash: "s" })).planId;
    services = testServices(t.db, {}).services;
    services.settings = { ...services.settings, admins: ADMINS };
    await services.store.updateChannel("console", "c", { planId });
    await services.store.updateChannel("console", "s", { planId: other });
  });
  afterAll(async () => t?.cleanup());

  it("reads the group's members from the county and district units the plan names", async () => {
    const say = people(services, {});
    const shown = await say("/unit group 各县、区人民政府");
    expect(shown.text).toContain("各县、区人民政府 包含：怀远县政府、五河县政府、固镇县政府、龙子湖区政府、蚌山区政府、禹会区政府、淮上区政府");
    expect(shown.text).toContain("自动识别");
  });

  it("/tasks 怀远县政府 lists the tasks given to the group; the card still shows the group as written", async () => {
    const say = people(services, {});
    const listed = await say("/tasks 怀远县政府");
    expect(listed.text).toMatch(/任务（怀远县政府 1\d 项/);
    expect(listed.text).toContain("• 1. 强化知识产权政策支持引导机制");
    expect(listed.text).not.toContain("• 8. ");
    const card = await say("/task 1");
    expect(card.text).toContain("各县、区人民政府");
    expect(card.text).not.toContain("怀远县政府");
  });

  it("a county member's /me shows the group's tasks with the group's role", async () => {
    const admin = people(services, { userId: "admin", userName: "Admin" });
    await admin("/owner 怀远县政府 @county");
    const me = await people(services, { userId: "county", userName: "county" })("/me");
    expect(me.text).toContain("我的单位：怀远县政府");
    expect(me.text).toContain("各县、区人民政府 负责");
    expect(me.text).toMatch(/共 1[0-9] 项未完成任务/);
  });

  it("an admin sets a group's members by name (/unit group 各区政府 = …); others may only look", async () => {
    const admin = people(services, { channelId: "s", userId: "admin", userName: "Admin" });
    const nosy = people(services, { channelId: "s", userId: "nosy", userName: "Nosy" });
    const refused = await nosy("/unit group 各区政府 = 福田区政府、罗湖区政府");
    expect(refused.text).toContain("只有管理员");
    expect((await nosy("/tasks 福田区政府")).text).toContain("福田区政府");
    const set = await admin("/单位 group 各区政府 = 福田区政府、罗湖区政府");
    expect(set.text).toContain("已设置 各区政府 包含：福田区政府、罗湖区政府");
    expect(set.text).toContain("已新增：福田区政府、罗湖区政府");
    const listed = await nosy("/tasks 罗湖区政府");
    expect(listed.text).toContain("建设区级保护工作站");
    expect(listed.text).not.toContain("加快知识产权保护中心建设");
    expect((await nosy("/unit group 各区政府")).text).toContain("各区政府 包含：福田区政府、罗湖区政府");
    expect((await admin("/unit group 市公安局 = 福田区政府")).text).toContain("不是单位组");
  });
});
