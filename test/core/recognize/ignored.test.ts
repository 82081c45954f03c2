import { describe, expect, it } from "vitest";
import { recognizeUpdate } from "../../../src/core/recognize/index.ts";
import { CTX } from "./fixtures.ts";

/** Ordinary chat, questions and directives: the bot must stay silent. */
const ignored = [
  "明天下午3点开会",
  "我们有7个人参加",
  "预算增加了20%",
  "第3次会议纪要",
  "2024年工作总结",
  "电话 13800138000",
  "今天完成了3份材料",
  "任务7怎么样了?",
  "#7 保护中心",
  "任务一定要完成",
  "这个任务一直卡住",
  "任务一开始就卡住了",
  "这个任务七个人一起做",
  "我们今天讨论了任务7",
  "关于任务7的通知已下发",
  "任务7要尽快完成",
  "请尽快完成任务7",
  "please finish task 7",
  "is task 7 done?",
  "#7 完成了吗",
  "任务7完成了没",
  "3月7号完成验收",
  "明天下午3点开会,大家7号之前交材料",
  "这个月完成了80%的工作量",
  "进度80%",
  "已完成",
  "收到 👍",
  "好的,谢谢!",
  "今天天气不错",
  "第3项议程",
  "第3条意见已完成修改",
  "任务三天内完成",
  "任务7月底前完成",
  "#7",
  "no 7 done",
  "https://example.com/issues#7 done",
  "知识产权 5家",
  "知识产权专员 7个人参加了培训",
  "质押融资达到18亿了吗?",
  "满意度怎么样",
  "实施日期:2016.10.13",
  "完成任务7的关键是经费",
  "为了完成任务7，我们加班",
  "任务7完成后再开会",
  "任务7完成时限是6月底",
  "任务7的牵头单位是市场监管局",
  "任务7由我负责,下周再说",
  "大家注意,任务7的截止日期是月底,还没完成的抓紧",
  "贯标企业 3个月",
  "电话13800138000 专员",
  "持续强化知识产权公共服务人才队伍建设,建立健全人才培养和激励机制,打造知识产权公共服务人才新高地。到2026年,全市知识产权专员突破800人。",
  "<#C024BE91L|general> 有7个人",
  "",
  "   \n  ",
];

describe("recognizeUpdate: ordinary chat is ignored", () => {
  it.each(ignored)("%j", (text) => {
    expect(recognizeUpdate(text, CTX)).toEqual({ kind: "none" });
  });
});
