import { action, type Button } from "./reply.ts";

export const PAGE_SIZE = 10;

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** Phone-sized pages; an out-of-range page is clamped rather than empty. */
export function paginate<T>(all: readonly T[], page: number, size = PAGE_SIZE): Page<T> {
  const pages = Math.max(1, Math.ceil(all.length / size));
  const p = Math.min(Math.max(1, page), pages);
  return { items: all.slice((p - 1) * size, p * size), page: p, pages };
}

/**
 * Splits a trailing page request off command text: `overdue page 2`, `p2`, `第2页`, `2页`.
 * Returns the page (1 when absent) and the rest of the text.
 */
export function takePage(text: string): { page: number; rest: string } {
  const m = /(?:^|\s)(?:page\s*|p|第\s*)?(\d+)\s*(?:页|頁)?$/i.exec(text.trim());
  if (m && /(?:page|p|第|页|頁)/i.test(m[0])) {
    return { page: Number(m[1]), rest: text.trim().slice(0, m.index).trim() };
  }
  return { page: 1, rest: text.trim() };
}

/**
 * Whether a button's answer replaces the message it was on, as every platform that can edit a
 * message does (the next page of a list turns the page in place); asked by the adapters, which
 * never decide it themselves.
 */
export const replacesItsMessage = (button: Pick<Button, "kind">): boolean => button.kind === "page";

/** The button that shows page `page` of `command` (`/tasks overdue` → `/tasks overdue page 2`). */
export function pageButton(label: string, command: string, page: number): Button {
  return { ...action("page", command.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "list", page), label, command: `${command} page ${page}`.replace(/\s+/g, " ") };
}

/** The "more" button for the next page, if there is one: the one paging helper for every list. */
export function moreButton(label: string, command: string, p: Page<unknown>): Button[] {
  return p.page < p.pages ? [pageButton(label, command, p.page + 1)] : [];
}
