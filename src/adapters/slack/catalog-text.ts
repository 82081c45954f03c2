import { defineCatalog } from "../../core/i18n/define.ts";

/** The Slack adapter's own words (modals, the Home tab); replies come from the commands. */
export default defineCatalog({
  "zh-CN": {
    "slack.modal.close": "取消",
    "slack.home.more": "内容较多，这里只显示前一部分。在与督办的私信中发送 {command} 查看全部。",
    "slack.home.empty": "这里会显示您负责的任务。在频道里发送 /help 查看可用命令。",
  },
  "zh-TW": {
    "slack.modal.close": "取消",
    "slack.home.more": "內容較多，這裡只顯示前一部分。在與督辦的私訊中傳送 {command} 查看全部。",
    "slack.home.empty": "這裡會顯示您負責的任務。在頻道裡傳送 /help 查看可用指令。",
  },
  en: {
    "slack.modal.close": "Cancel",
    "slack.home.more": "There is more than fits here. Send {command} in a DM with Duban to see all of it.",
    "slack.home.empty": "Your tasks will show here. Send /help in a channel to see the commands.",
  },
});
