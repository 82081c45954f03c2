import { makeLine, type Line } from "./lines.ts";
import { parseMarker } from "./markers.ts";
import { matchKey } from "./normalize.ts";

/** One document of the file: a plan, or a notice that wraps one. */
export interface DocumentSegment {
  title: string | null;
  /** Line number of the title (first line when it spans two). */
  titleLine: number | null;
  /** Lines before the title: page header, or a notice without its own title. */
  header: Line[];
  /** Lines after the title. */
  body: Line[];
  isNotice: boolean;
}

const KIND = /(方案|计划|计画|规划|意见|清单|指引|要点|通知|办法|纲要|细则|决定|任务书|任务分工|分工表|任务表|一览表|台账)$/;
const YEAR_SUFFIX = /\s*\(\s*\d{4}(\s*[-—~至到]+\s*\d{4})?\s*年?\s*\)$/;
const ANCHOR = /(\d{4}|关于|[省市县区]|国家|国务院|中共)/;

export const DATE_LINE = /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
export const ATTACHMENT_LINE = /^附\s*件\s*[\d一二三四五六七八九十]*\s*(:.*)?$/;

/** True when a line reads like a document title (`…工作方案（2024—2026年）`, `关于…的通知`). */
export function isTitleLike(norm: string, anchored = true): boolean {
  const text = norm.trim();
  if (text.length < 8 || text.length > 120 || /[,.;:!?]/.test(text)) return false;
  if (parseMarker(text) || ATTACHMENT_LINE.test(text) || /^(专栏|附表|表)\s*\d/.test(text)) return false;
  if (/\s{2,}/.test(text)) return false;
  return KIND.test(text.replace(YEAR_SUFFIX, "")) && (!anchored || ANCHOR.test(text));
}

function isFragment(norm: string): boolean {
  const text = norm.trim();
  return (
    text.length >= 4 &&
    text.length <= 40 &&
    !/[,.;:!?\s]/.test(text) &&
    !parseMarker(text) &&
    !DATE_LINE.test(text) &&
    !ATTACHMENT_LINE.test(text)
  );
}

interface TitleAt {
  index: number;
  /** Lines used by the title (1 or 2). */
  span: number;
  text: string;
  no: number;
}

function findTitles(lines: Line[]): TitleAt[] {
  const titles: TitleAt[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let text = line.text;
    let index = i;
    let span = 1;
    // The document's first line is its title even without a place or year (`…实施方案`).
    let candidate = isTitleLike(line.norm) || (i === 0 && isTitleLike(line.norm, false));
    const prev = lines[i - 1];
    const previousUsed = titles.length > 0 && titles[titles.length - 1]!.index + titles[titles.length - 1]!.span > i - 1;
    if (prev && !previousUsed && isFragment(prev.norm) && !isTitleLike(prev.norm)) {
      const joined = prev.text + line.text;
      if (isTitleLike(matchKey(joined)) && (candidate || KIND.test(line.norm.replace(YEAR_SUFFIX, "")))) {
        text = joined;
        index = i - 1;
        span = 2;
        candidate = true;
      }
    }
    if (!candidate) continue;
    titles.push({ index, span, text, no: lines[index]!.no });
    i = index + span - 1;
  }
  return titles;
}

function isHeaderOnly(lines: Line[]): boolean {
  return lines.every((l) => l.norm.length <= 40 && !/[.;]/.test(l.norm));
}

/**
 * Splits the file into documents at their titles. A title repeated right after itself (a web
 * page's title above the document's own) starts one document, not two.
 */
export function splitDocuments(lines: Line[]): DocumentSegment[] {
  const titles = findTitles(lines);
  if (titles.length === 0) return [{ title: null, titleLine: null, header: [], body: lines, isNotice: false }];
  const segments: DocumentSegment[] = [];
  let header = lines.slice(0, titles[0]!.index);
  titles.forEach((title, t) => {
    const bodyEnd = titles[t + 1]?.index ?? lines.length;
    const body = lines.slice(title.index + title.span, bodyEnd);
    const next = titles[t + 1];
    if (next && isHeaderOnly(body) && matchKey(next.text) === matchKey(title.text)) {
      header = [...header, ...lines.slice(title.index, bodyEnd)];
      return;
    }
    segments.push({
      title: title.text.trim(),
      titleLine: title.no,
      header,
      body,
      isNotice: /通知$/.test(matchKey(title.text)),
    });
    header = [];
  });
  return segments;
}

/** Makes a line list for a segment's full content (header, title, body). */
export function segmentLines(segment: DocumentSegment, title: Line | null): Line[] {
  return [...segment.header, ...(title ? [title] : []), ...segment.body];
}

export function titleLineOf(segment: DocumentSegment): Line | null {
  return segment.title && segment.titleLine !== null ? makeLine(segment.titleLine, segment.title) : null;
}
