import type { ImportWarning } from "./types.ts";
import type { MetaEntry } from "./chrome.ts";
import { toIsoDate } from "./chrome.ts";
import { DATE_LINE, isTitleLike } from "./documents.ts";
import type { Line } from "./lines.ts";
import { parseMarker } from "./markers.ts";
import { matchKey } from "./normalize.ts";

const ORG_END = /(局|办公室|办公厅|政府|委员会|委|厅|部|院|中心|办|署|管委会|小组|总局|分局|银行)$/;
const KIND = /(方案|计划|计画|规划|意见|清单|指引|要点|通知|办法|纲要|细则|决定|任务书|任务分工|分工表|任务表|一览表|台账)$/;
const YEAR_SUFFIX = /\s*\(\s*\d{4}(\s*[-—~至到]+\s*\d{4})?\s*年?\s*\)$/;

/** A signature block: issuing body (when written) above the date. */
export interface Signature {
  org: string | null;
  date: string;
  line: number;
}

/** True for a short line naming an organisation (`天津市人民政府办公厅`). */
export function isOrgLine(norm: string): boolean {
  const text = norm.trim();
  return text.length >= 3 && text.length <= 30 && !/[,.;:!?\s]/.test(text) && ORG_END.test(text) && !parseMarker(text) && !isTitleLike(text);
}

/** Date lines (`2016年10月13日`) and the organisation line just above each. */
export function findSignatures(lines: Line[]): Signature[] {
  const out: Signature[] = [];
  lines.forEach((line, i) => {
    if (!DATE_LINE.test(line.norm)) return;
    const date = toIsoDate(line.norm);
    if (!date) return;
    const prev = lines[i - 1];
    const org = prev && isOrgLine(prev.norm) ? prev.text.trim() : null;
    out.push({ org, date, line: line.no });
  });
  return out;
}

/** Lines that belong to a signature block (for leaving them out of task text). */
export function signatureLineNumbers(lines: Line[]): Set<number> {
  const out = new Set<number>();
  lines.forEach((line, i) => {
    if (!DATE_LINE.test(line.norm)) return;
    out.add(line.no);
    const prev = lines[i - 1];
    if (prev && isOrgLine(prev.norm)) out.add(prev.no);
  });
  return out;
}

/**
 * `…制定《深圳市…工作方案(2019-2021年)》` in the opening lines: the plan's title. A 《…》 right
 * after 制定/印发/出台 wins over documents merely cited (`根据《…的通知》`); notices never qualify.
 */
export function titleFromIntro(lines: Line[]): { title: string; line: number } | null {
  let fallback: { title: string; line: number } | null = null;
  const firstItem = lines.findIndex((l) => parseMarker(l.norm) !== null);
  for (const line of lines.slice(0, Math.min(6, firstItem < 0 ? lines.length : firstItem))) {
    for (const m of line.norm.matchAll(/《([^《》]{6,100})》/g)) {
      const inner = m[1]!.trim();
      if (!KIND.test(inner.replace(YEAR_SUFFIX, "")) || /通知$/.test(inner)) continue;
      const found = { title: line.text.slice(m.index + 1, m.index + 1 + m[1]!.length).trim(), line: line.no };
      const before = line.norm.slice(Math.max(0, m.index - 4), m.index);
      if (/(制定|制订|印发|出台|编制|现将|形成)\s*$/.test(before)) return found;
      const after = line.norm.slice(m.index + m[0].length, m.index + m[0].length + 12);
      const cited = /(根据|按照|依据|依照|落实|贯彻|执行|参照|推动|对照|围绕|结合|衔接|实施|深化|为)/.test(before);
      if (cited || /^\([^)]{0,8}[〔\[]/.test(after) || /^(精神|要求|部署|落地|有关|相关|的)/.test(after)) continue;
      fallback ??= found;
    }
  }
  return fallback;
}

/** The plan a notice hands out: `关于印发《X》的通知` → X. */
export function wrappedTitle(noticeTitle: string): string | null {
  const norm = matchKey(noticeTitle);
  const m = /《([^《》]+)》/.exec(norm);
  return m ? m[1]! : null;
}

/** Period from a title (`（2024—2026年）`, `2019-2021年`, `2018年…`, `（2019）`); 《…》 ignored. */
export function periodOf(title: string): { start: number; end: number } | null {
  const norm = matchKey(title).replace(/《[^《》]*》/g, "");
  const range = /((?:19|20)\d{2})\s*年?\s*[-—~至到]+\s*((?:19|20)\d{2})/.exec(norm);
  if (range) {
    const [start, end] = [Number(range[1]), Number(range[2])];
    if (end >= start && end - start <= 20) return { start, end };
  }
  const single = /((?:19|20)\d{2})(?!\d)/.exec(norm);
  if (single) return { start: Number(single[1]), end: Number(single[1]) };
  return null;
}

/** `天津市人民政府办公厅关于…` → `天津市人民政府办公厅`. */
export function issuerFromTitle(title: string): string | null {
  const norm = matchKey(title);
  const m = /^(.{3,30}?)关于/.exec(norm);
  if (!m || !ORG_END.test(m[1]!)) return null;
  return title.replace(/\s+/g, "").slice(0, m[1]!.length);
}

/**
 * A web page's `来源：` or `[…]` line names an issuer only when it names a government body
 * (`蚌埠市人民政府`); a site, a paper or a person (`本网`, `某某日报`, `张三`) never is one.
 */
function pageIssuer(value: string | null): string | null {
  if (value === null) return null;
  const key = matchKey(value);
  if (key.length < 3 || key.length > 30 || !ORG_END.test(key) || /(网|报|报社|新闻|电视台|传媒|融媒体)/.test(key)) return null;
  return value;
}

export interface MetadataSources {
  title: string | null;
  noticeTitle: string | null;
  notice: Line[];
  header: Line[];
  body: Line[];
  meta: MetaEntry[];
}

export interface PlanMetadata {
  title: string | null;
  issuer: string | null;
  issuedOn: string | null;
  period: { start: number; end: number } | null;
  warnings: ImportWarning[];
}

/** Title, issuing body, issue date and period of one plan, from the best source available. */
export function planMetadata(src: MetadataSources): PlanMetadata {
  const warnings: ImportWarning[] = [];
  const notice = findSignatures(src.notice)[0];
  const header = findSignatures(src.header)[0];
  const bodyEnd = findSignatures(src.body).at(-1);
  const title = src.title ?? titleFromIntro(src.body)?.title ?? (src.noticeTitle ? wrappedTitle(src.noticeTitle) : null);
  const pageSource = src.meta.find((m) => m.kind === "pageSource")?.value ?? null;
  const metaIssuer = src.meta.find((m) => m.kind === "issuer")?.value ?? null;
  const issuer =
    notice?.org ??
    header?.org ??
    bodyEnd?.org ??
    (src.noticeTitle ? issuerFromTitle(src.noticeTitle) : null) ??
    (title ? issuerFromTitle(title) : null) ??
    pageIssuer(metaIssuer) ??
    pageIssuer(pageSource);
  let issuedOn = notice?.date ?? header?.date ?? bodyEnd?.date ?? src.meta.find((m) => m.kind === "date")?.value ?? null;
  if (issuedOn === null) {
    const page = src.meta.find((m) => m.kind === "pageDate");
    if (page) {
      issuedOn = page.value;
      warnings.push({ line: page.line, message: `no signed date; issue date taken from the web page's publication date ${page.value}` });
    }
  }
  return { title, issuer, issuedOn, period: title ? periodOf(title) : null, warnings };
}
