import type { RecognizeContext, Recognition, TaskReading, TaskStatus } from "../../../src/core/recognize/index.ts";

/** Targets of 专栏1 and the goals paragraph of seeds/002 (蚌埠 2024—2026), plus one from 专栏3. */
export const CTX: RecognizeContext = {
  taskNumbers: Array.from({ length: 26 }, (_, i) => String(i + 1)),
  targets: [
    { id: 1, name: "每万人口高价值发明专利拥有量", unit: "件" },
    { id: 2, name: "有效商标注册量", unit: "件" },
    { id: 3, name: "知识产权质押融资金额", unit: "元" },
    { id: 4, name: "知识产权贯标企业数", unit: "家" },
    { id: 5, name: "知识产权保护社会满意度", unit: "%" },
    { id: 6, name: "知识产权专员数", unit: "人" },
    { id: 7, name: "PCT专利年申请量", unit: "件" },
    { id: 8, name: "新增著作权登记量", unit: "件" },
    { id: 9, name: "国家知识产权示范和优势企业", unit: "家" },
    { id: 10, name: "省级知识产权信息公共服务网点", unit: "家" },
    { id: 11, name: "中小企业转化实施专利数量年均增幅", unit: "%" },
  ],
};

export const MENTIONED: RecognizeContext = { ...CTX, botMentioned: true };

export const NONE: Recognition = { kind: "none" };

export function task(taskNumber: string, status: TaskStatus, percent: number | null = null, note: string | null = null): Recognition {
  return { kind: "task", taskNumber, status, percent, note };
}

export function tasks(...updates: Recognition[]): Recognition {
  return { kind: "tasks", updates: updates as TaskReading[] };
}

export function target(targetId: number, value: number, note: string | null = null): Recognition {
  return { kind: "target", targetId, value, note };
}

export function ask(
  question: "which_task" | "which_target" | "unknown_task" | "what_progress" | "unit_mismatch" | "bad_number",
  ids: (string | number)[],
): Partial<Recognition> {
  return question === "which_target" || question === "unit_mismatch"
    ? { kind: "ambiguous", question, targetIds: ids as number[] }
    : { kind: "ambiguous", question, taskNumbers: ids as string[] };
}
