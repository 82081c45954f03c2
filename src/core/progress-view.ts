import type { Translator } from "./i18n/index.ts";
import type { DeadlineRef, TaskProgress, TaskStatus } from "./model.ts";
import { localDate } from "./tz.ts";

/** 未开始 / 进行中 60% / 受阻（40%） / 已完成 */
export function statusLabel(t: Translator, p: { status: TaskStatus; percent: number | null }): string {
  if (p.status === "in_progress" && p.percent !== null) return t("status.in_progress_pct", { percent: p.percent });
  if (p.status === "blocked" && p.percent !== null) return t("status.blocked_pct", { percent: p.percent });
  return t(`status.${p.status}`);
}

/** A dated deadline that has passed (by the local calendar date) while the task is not done. */
export function isOverdue(deadline: DeadlineRef, progress: TaskProgress, now: Date, timeZone: string): boolean {
  return deadline.date !== null && progress.status !== "done" && deadline.date < localDate(now, timeZone);
}

/** No update for `staleDays` (or never), and not done. */
export function isStale(progress: TaskProgress, now: Date, staleDays: number): boolean {
  if (progress.status === "done") return false;
  const last = progress.latest?.createdAt;
  return !last || now.getTime() - last.getTime() >= staleDays * 86_400_000;
}
