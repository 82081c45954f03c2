import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatReplyText } from "../../src/adapters/console/format.ts";
import { manualClock } from "../../src/core/clock.ts";
import { createDispatcher } from "../../src/core/dispatcher.ts";
import { translator } from "../../src/core/i18n/index.ts";
import { PostError } from "../../src/scheduler/types.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { createScheduleStore } from "../../src/store/schedules.ts";
import { chat, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";
import { fakePoster, testScheduler, withDigestCommands } from "../scheduler/fakes.ts";

describe("/digest and /remind", () => {
  let t: TestDatabase;
  const clock = manualClock("2026-11-20T02:00:00Z");
  let say: ReturnType<typeof chat>;
  let admin: ReturnType<typeof chat>;
  let dispatcher: ReturnType<typeof createDispatcher>;

  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    await savePlan(t.db.prisma, samplePlan(), { name: "sample.txt", hash: "h" });
    const { services } = testServices(t.db, { clock });
    dispatcher = createDispatcher({ commands: withDigestCommands(), services });
    say = chat(dispatcher, { channelId: "room-d" });
    admin = chat(dispatcher, { channelId: "room-d", userId: "admin", userName: "Admin" });
    await admin("/plan use 样例");
  });
  afterAll(async () => t?.cleanup());

  it("sets, shows and turns off a channel's digest; only admins may change it", async () => {
    expect(await say("/digest status")).toContain("本频道没有设置定时简报。管理员可发送 /digest schedule 设置。");
    expect(await say("/digest schedule")).toContain("需要管理员权限");
    expect(await admin("/digest schedule")).toBe(
      "已设置本频道的定时简报：0 9 * * 1（Asia/Shanghai），遇法定节假日和周末顺延到下一个工作日，调休上班日照常。下次发送：2026-11-23 09:00。\n" +
        "注意：2027 年的节假日安排还没有数据（已知到 2026 年），这些日子只按周一至周五计算。国务院公布后，请管理员更新 chinese-days 或在 DUBAN_CALENDAR_FILE 中补上该年；/calendar 可查看已知的安排。",
    );
    const status = await say("/简报 状态");
    expect(status).toContain("时间：0 9 * * 1（Asia/Shanghai）");
    expect(status).toContain("下次发送：2026-11-23 09:00");
    expect(status).toContain("上次：尚未发送过");
    // The coming weeks reach 2027, which nobody has published yet.
    expect(status).toContain("注意：2027 年的节假日安排还没有数据");
    expect(await admin("/digest schedule 30 8 * * 1-5 Asia/Taipei 不顺延")).toContain("30 8 * * 1-5（Asia/Taipei），不考虑节假日。下次发送：2026-11-23 08:30");
    expect(await admin("/digest off")).toBe("已关闭本频道的定时简报。");
    expect(await admin("/digest off")).toBe("本频道没有开启的定时简报。");
    expect(await say("/digest status")).toContain("已关闭");
  });

  it("explains bad schedules instead of saving them", async () => {
    expect(await admin("/digest schedule every monday")).toContain("无法识别时间表达式“every monday”");
    expect(await admin("/digest schedule 0 9 * * 1 Mars/Olympus")).toContain("无法识别时区“Mars/Olympus”");
    expect(await admin("/digest schedule */5 * * * *")).toContain("发送过于频繁");
    expect(await admin("/digest schedule 0 9 31 2 *")).toContain("无法识别时间表达式");
  });

  it("shows the next run moved off a holiday, and the last run's failure reason", async () => {
    clock.set("2026-09-30T00:00:00Z");
    expect(await admin("/digest schedule 0 9 * * 1")).toContain("下次发送：2026-10-08 09:00（由 2026-10-05 09:00 顺延）");
    const fake = fakePoster({ steps: [new PostError("permanent", "channel_not_found")] });
    const { scheduler } = testScheduler(t.db, fake.poster, "2026-10-08T01:00:00Z");
    await scheduler.tick();
    clock.set("2026-10-08T02:00:00Z");
    expect(await say("/digest status")).toContain("上次：2026-10-08 09:00 · 发送失败：channel_not_found");
    await admin("/digest off");
    clock.set("2026-11-20T02:00:00Z");
  });

  it("previews privately for anyone; /digest now posts in the channel for admins only", async () => {
    const preview = await dispatcher.handle({ platform: "console", channelId: "room-d", userId: "alice", userName: "Alice", text: "/digest preview" });
    expect(preview).toHaveLength(1);
    expect(preview[0]!.private).toBe(true);
    const text = formatReplyText(preview[0]!, translator("zh-CN"));
    expect(text).toContain("预览：以下是此刻发送时的内容，仅您可见。");
    expect(text).toContain("【样例市关于打造知识产权强市的工作方案(2019-2021年) · 督办简报】");
    expect(text).toContain("统计区间：2026-11-16 09:00 至 2026-11-20 10:00");
    expect(await say("/digest now")).toContain("需要管理员权限");
    const now = await dispatcher.handle({ platform: "console", channelId: "room-d", userId: "admin", userName: "Admin", text: "/digest now" });
    expect(now[0]!.private).toBeUndefined();
    expect(formatReplyText(now[0]!, translator("zh-CN"))).not.toContain("预览");
    // The channel message carries a button for the full detail, which anyone gets privately.
    const button = now[0]!.blocks.flatMap((b) => (b.type === "actions" ? b.buttons : []))[0]!;
    expect(button.command).toBe("/digest full");
    const full = await dispatcher.handle({ platform: "console", channelId: "room-d", userId: "alice", userName: "Alice", text: button.command });
    expect(full[0]!.private).toBe(true);
    const detail = formatReplyText(full[0]!, translator("zh-CN"));
    for (const section of ["【总体进度】", "【指标】", "【本期进展", "【已逾期", "【本期未报送的单位"]) expect(detail).toContain(section);
    expect(await say("/简报 明细")).toContain("完整简报（仅您可见）");
  });

  it("/remind pause and resume apply to the asker", async () => {
    expect(await say("/remind pause 7")).toContain("2026-11-27 10:00 之前不再给您发送更新提醒");
    expect(await say("/remind status")).toContain("您的提醒已暂停至 2026-11-27 10:00。");
    expect(await say("/提醒 暂停 十四天")).toContain("2026-12-04 10:00");
    expect(await say("/remind pause soon")).toContain("请写明暂停天数（1–365）");
    expect(await say("/remind resume")).toBe("已恢复更新提醒。");
    expect(await say("/remind status")).not.toContain("暂停至");
  });

  it("admins set the reminder schedule the same way", async () => {
    expect(await admin("/remind schedule")).toContain("已设置本频道的更新提醒：0 10 * * 4（Asia/Shanghai）");
    expect(await say("/remind")).toContain("更新提醒 · 状态");
    expect(await admin("/remind off")).toBe("已关闭本频道的更新提醒。");
  });
});
