import { defineCatalog } from "../../core/i18n/define.ts";

/** The Feishu adapter's own words; replies come from the commands. */
export default defineCatalog({
  "zh-CN": { "feishu.form.hint": "{label}：发送 {command}", "feishu.more": "（续）" },
  "zh-TW": { "feishu.form.hint": "{label}：傳送 {command}", "feishu.more": "（續）" },
  en: { "feishu.form.hint": "{label}: send {command}", "feishu.more": "(continued)" },
});
