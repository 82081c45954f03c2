import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Services } from "../../src/core/command.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";
import { ADMINS, people } from "./people-chat.ts";

describe("/owner, /whois, /admin and /plan open", () => {
  let t: TestDatabase;
  let services: Services;
  let planId: number;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    planId = (await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h" })).planId;
    services = testServices(t.db, {}).services;
    services.settings = { ...services.settings, admins: ADMINS };
    for (const [platform, channel] of [["slack", "CS"], ["discord", "D1"], ["console", "c"], ["slack", "CEN"]] as const) {
      await services.store.updateChannel(platform, channel, { planId });
    }
    await services.store.updateChannel("slack", "CEN", { locale: "en" });
  });
  afterAll(async () => t?.cleanup());

  it("maps and removes Slack members; the reply lists the unit's members as mentions", async () => {
    const say = people(services, { platform: "slack", channelId: "CS", userId: "UADMIN", userName: "Boss" });
    const added = await say("/owner 公安 <@U012ABC|张三> <@U034DEF>");
    expect(added.text).toContain("已将 @张三、@U034DEF 登记到 市公安局。");
    expect(added.text).toContain("市公安局 现有成员：@张三、@U034DEF");
    expect(added.raw).toContain("<@slack:U012ABC|张三>");
    expect(added.raw).toContain("<@slack:U034DEF|U034DEF>");

    const who = await say("/谁负责 市公安局");
    expect(who.text).toContain("【市公安局】");
    expect(who.text).toContain("成员：@张三、@U034DEF");
    expect(who.text).toContain("配合 1 项：7");

    const removed = await say("/负责人 remove 市公安局 <@U012ABC>");
    expect(removed.text).toContain("已将 @张三 从 市公安局 移除。");
    expect(removed.text).toContain("市公安局 现有成员：@U034DEF");
    expect((await say("/owner 移除 市公安局 <@U012ABC>")).text).toContain("本来就不是 市公安局 的成员");

    expect((await say("/whois <@U034DEF>")).text).toContain("@U034DEF 登记在：市公安局");
    expect((await say("/whois <@U012ABC|张三>")).text).toContain("@张三 尚未登记到计划");
  });

  it("maps Discord members from both mention forms and keeps names the bot already knows", async () => {
    await services.store.addUnitMembers((await services.store.findUnits(planId, "公安"))[0]!.id, [
      { platform: "discord", platformUserId: "222222222222222222", displayName: "王五" },
    ]);
    const say = people(services, { platform: "discord", channelId: "D1", userId: "900000000000000001", userName: "Chief" });
    const out = await say("!owner 中级法院 <@!222222222222222222> <@333333333333333333>");
    expect(out.text).toContain("已将 @王五、@333333333333333333 登记到 市中级法院。");
    expect(out.raw).toContain("<@discord:222222222222222222|王五>");
    const members = await services.store.unitMembers((await services.store.findUnits(planId, "中级法院"))[0]!.id);
    expect(members.map((m) => m.displayName)).toEqual(["王五", "333333333333333333"]);
  });

  it("refuses non-admins with the reason and who can, and changes nothing", async () => {
    const say = people(services, { platform: "slack", channelId: "CS", userId: "U777", userName: "Nosy" });
    const out = await say("/owner 科技创新委 <@U777|Nosy>");
    expect(out.text).toContain("只有管理员能登记或移除单位成员");
    expect(out.text).toContain("DUBAN_ADMINS");
    expect(out.text).toContain("/admin add");
    expect(out.replies[0]!.private).toBe(true);
    expect(await services.store.memberUnits(planId, "slack", "U777")).toEqual([]);
    const en = await say("/owner 科技创新委 <@U777|Nosy>", { channelId: "CEN" });
    expect(en.text).toContain("Only admins can map or remove unit members");
  });

  it("a plan admin made with /admin add may map people; only env admins can make plan admins", async () => {
    const nosy = people(services, { platform: "slack", channelId: "CS", userId: "U777", userName: "Nosy" });
    const boss = people(services, { platform: "slack", channelId: "CS", userId: "UADMIN", userName: "Boss" });
    expect((await nosy("/admin add <@U888|Other>")).text).toContain("只有机器人管理员");
    expect((await nosy("/admin")).text).toContain("您不是计划");
    expect((await boss("/admin add <@U777|Nosy>")).text).toContain("@Nosy 现在是计划“样例市关于打造知识产权强市的工作方案(2019-2021年)”的管理员");
    expect((await nosy("/admin")).text).toContain("您是计划");
    expect((await nosy("/owner 科技创新委 <@U777|Nosy>")).text).toContain("已将 @Nosy 登记到 市科技创新委。");
    // Plan admin rights are per platform identity: the same id on Discord is nobody.
    const other = people(services, { platform: "discord", channelId: "D1", userId: "U777", userName: "Nosy" });
    expect((await other("/owner 科技创新委 <@123456789>")).text).toContain("只有管理员");
  });

  it("names the candidates when several units match, says so when none does, and refuses typed names", async () => {
    const say = people(services, { userId: "admin", userName: "Admin" });
    const many = await say("/owner 市 @bob");
    expect(many.text).toContain("“市”匹配到多个单位：市市场监管局、市科技创新委、市工业和信息化局、市中级法院、市公安局");
    const none = await say("/owner 税务局 @bob");
    expect(none.text).toContain("找不到与“税务局”匹配的单位");
    expect(none.text).toContain("/whois");
    expect((await say("/owner @bob")).text).toContain("请写明单位");
    expect((await say("/owner 公安")).text).toContain("请 @ 要登记的成员");
    const slack = people(services, { platform: "slack", channelId: "CS", userId: "UADMIN", userName: "Boss" });
    expect((await slack("/owner 公安 @王五")).text).toContain("无法确定 @王五 是谁");
  });

  it("console users are mapped by their --as name; /whois finds units by alias and shows task counts", async () => {
    const say = people(services, { userId: "admin", userName: "Admin" });
    expect((await say("/owner 知识产权局 @bob @admin")).text).toContain("已将 @bob、@Admin 登记到 市市场监管局。");
    const who = await say("/whois 知识产权局");
    expect(who.text).toContain("【市市场监管局】");
    expect(who.text).toContain("别名：市知识产权局");
    expect(who.text).toContain("牵头 1 项：7");
    expect((await say("/whois 市工业和信息化局")).text).toContain("尚未登记（管理员可用 /owner 市工业和信息化局 @成员 登记）");
    expect((await say("/whois")).text).toContain("用法");
  });

  it("/plan open and /plan close are for admins; open is shown on /plan", async () => {
    const nosy = people(services, { platform: "slack", channelId: "CS", userId: "U999", userName: "X" });
    expect((await nosy("/plan open")).text).toContain("只有管理员");
    expect((await services.store.getChannel("slack", "CS")).open).toBe(false);
    const boss = people(services, { platform: "slack", channelId: "CS", userId: "UADMIN", userName: "Boss" });
    expect((await boss("/计划 开放")).text).toContain("本频道已开放");
    expect((await services.store.getChannel("slack", "CS")).open).toBe(true);
    expect((await boss("/plan")).text).toContain("任何人都可以报告进度");
    expect((await boss("/plan close")).text).toContain("本频道已取消开放");
    expect((await services.store.getChannel("slack", "CS")).open).toBe(false);
  });
});
