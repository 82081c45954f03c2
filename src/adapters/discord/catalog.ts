import { defineCatalog } from "../../core/i18n/define.ts";

export default defineCatalog({
  "zh-CN": {
    "discord.cmd.duban": "运行任意督办命令，如 tasks、help task",
    "discord.opt.text": "命令及参数，如 task 7 或 help",
    "discord.button.expired": "这个按钮已失效（机器人重启过）。请重新发送命令。",
    "discord.done": "已处理。",
  },
  "zh-TW": {
    "discord.cmd.duban": "執行任意督辦指令，如 tasks、help task",
    "discord.opt.text": "指令及參數，如 task 7 或 help",
    "discord.button.expired": "這個按鈕已失效（機器人重新啟動過）。請重新傳送指令。",
    "discord.done": "已處理。",
  },
  en: {
    "discord.cmd.duban": "Run any Duban command, e.g. tasks or help task",
    "discord.opt.text": "Command and arguments, e.g. task 7 or help",
    "discord.button.expired": "This button has expired (the bot restarted). Please send the command again.",
    "discord.done": "Done.",
  },
});
