import { defineCatalog } from "../define.ts";

export default defineCatalog({
  "zh-CN": {
    "cmd.task.summary": "查看一项任务：责任单位、状态、进度",
    "cmd.task.usage": "/task <编号>（如 /task 7 或 /task 七）",
    "task.notFound": "计划“{plan}”没有第 {number} 项任务（任务编号 {range}）。",
    "task.title": "任务 {number} · {title}",
    "task.section": "所属部分：{section}",
    "task.units": "责任单位",
    "task.noUnits": "文件未写明责任单位",
    "opt.taskNumber": "任务编号",
  },
  "zh-TW": {
    "cmd.task.summary": "查看一項任務：責任單位、狀態、進度",
    "cmd.task.usage": "/task <編號>（如 /task 7 或 /task 七）",
    "task.notFound": "計畫「{plan}」沒有第 {number} 項任務（任務編號 {range}）。",
    "task.title": "任務 {number} · {title}",
    "task.section": "所屬部分：{section}",
    "task.units": "責任單位",
    "task.noUnits": "文件未寫明責任單位",
    "opt.taskNumber": "任務編號",
  },
  en: {
    "cmd.task.summary": "Show a task: units, status, progress",
    "cmd.task.usage": "/task <number> (e.g. /task 7)",
    "task.notFound": "Plan “{plan}” has no task {number} (tasks {range}).",
    "task.title": "Task {number} · {title}",
    "task.section": "Section: {section}",
    "task.units": "Units",
    "task.noUnits": "The document names no units",
    "opt.taskNumber": "Task number",
  },
});
