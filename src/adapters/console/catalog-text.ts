import { defineCatalog } from "../../core/i18n/define.ts";

/** The interactive console's own words: start-up, welcome, prompt. */
export default defineCatalog({
  "zh-CN": {
    "console.seeding": "首次启动：正在导入 {dir} 中的示例计划，请稍候……",
    "console.welcome": "督办控制台 · 当前计划：{plan}",
    "console.welcomeNoPlan": "督办控制台 · 还没有选定计划",
    "console.try": "试试：{examples}",
    "console.ways": "/help 查看全部命令 · Tab 补全命令名 · ↑↓ 翻看历史 · /quit、exit、退出 或 Ctrl-D 离开",
    "console.prompt": "督办> ",
  },
  "zh-TW": {
    "console.seeding": "首次啟動：正在匯入 {dir} 中的範例計畫，請稍候……",
    "console.welcome": "督辦主控台 · 目前計畫：{plan}",
    "console.welcomeNoPlan": "督辦主控台 · 還沒有選定計畫",
    "console.try": "試試：{examples}",
    "console.ways": "/help 查看全部指令 · Tab 補全指令名 · ↑↓ 翻看歷史 · /quit、exit、退出 或 Ctrl-D 離開",
    "console.prompt": "督辦> ",
  },
  en: {
    "console.seeding": "First start: importing the sample plans in {dir}, one moment …",
    "console.welcome": "Duban console · plan: {plan}",
    "console.welcomeNoPlan": "Duban console · no plan selected yet",
    "console.try": "Try: {examples}",
    "console.ways": "/help lists every command · Tab completes command names · ↑↓ history · /quit, exit, 退出 or Ctrl-D to leave",
    "console.prompt": "duban> ",
  },
});
