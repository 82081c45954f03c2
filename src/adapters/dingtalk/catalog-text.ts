import { defineCatalog } from "../../core/i18n/define.ts";

/** The DingTalk adapter's own words; replies come from the commands. */
export default defineCatalog({
  "zh-CN": { "dingtalk.form.hint": "{label}：发送 {command}" },
  "zh-TW": { "dingtalk.form.hint": "{label}：傳送 {command}" },
  en: { "dingtalk.form.hint": "{label}: send {command}" },
});
