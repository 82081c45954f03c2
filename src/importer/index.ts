import { ImportError, type ImportResult, type ImportWarning } from "./types.ts";
import { stripChrome, type MetaEntry } from "./chrome.ts";
import { decodeDocumentDetailed } from "./decode.ts";
import { removeDuplicateBlocks } from "./dedupe.ts";
import { splitDocuments, type DocumentSegment } from "./documents.ts";
import { splitLines } from "./lines.ts";
import { buildPlan, sortWarnings, type ParsedPlan } from "./plan.ts";
import { analyseSegment, type SegmentAnalysis } from "./segment.ts";
import { sanitiseSlug, uniqueSlugs } from "./slug.ts";

export { decodeDocument } from "./decode.ts";
export type { ParsedPlan } from "./plan.ts";

export interface ParseOptions {
  /** File name, used as the title when the document has none. */
  sourceName?: string;
  /** Slug for the plan of a single-plan file (ignored, with a warning, for several plans). */
  planSlug?: string;
}

function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  return text.length > 0 && control / text.length > 0.02;
}

function firstLine(segment: DocumentSegment): number {
  return segment.header[0]?.no ?? segment.titleLine ?? segment.body[0]?.no ?? Number.MAX_SAFE_INTEGER;
}

function lastLine(segment: DocumentSegment): number {
  return segment.body.at(-1)?.no ?? segment.titleLine ?? segment.header.at(-1)?.no ?? 0;
}

function looksLikeNotice(segment: DocumentSegment): boolean {
  if (segment.isNotice) return true;
  return [...segment.header, ...segment.body].some((l) => /(特此通知|印发给你们|现予印发|现印发给|现将.*印发)/.test(l.norm));
}

interface PlanGroup {
  analysis: SegmentAnalysis;
  notice: DocumentSegment | null;
}

function groupDocuments(analyses: SegmentAnalysis[], warnings: ImportWarning[]): PlanGroup[] {
  const groups: PlanGroup[] = [];
  let notice: DocumentSegment | null = null;
  for (const a of analyses) {
    if (a.tasks.length > 0) {
      groups.push({ analysis: a, notice });
      notice = null;
      continue;
    }
    const range = `lines ${firstLine(a.segment)}–${lastLine(a.segment)}`;
    if (looksLikeNotice(a.segment) && notice === null) {
      notice = a.segment;
      continue;
    }
    warnings.push(...a.warnings);
    warnings.push({
      line: a.segment.titleLine ?? firstLine(a.segment),
      message: `${a.segment.title ? `“${a.segment.title}” ` : ""}(${range}) has no tasks; not imported`,
    });
  }
  if (notice) {
    const last = groups.at(-1);
    if (last && last.notice === null) last.notice = notice;
    else warnings.push({ line: firstLine(notice), message: `notice “${notice.title ?? ""}” wraps no plan with tasks; ignored` });
  }
  return groups;
}

/**
 * Reads a published plan document (bytes or decoded text) into plans with their tasks, units,
 * deadlines and targets. A notice that wraps a plan becomes that plan's metadata; separate
 * documents with tasks of their own become separate plans. Throws ImportError when the input is
 * empty, binary, undecodable or has no recognisable task; anything partly understood is imported
 * and the rest reported as warnings with line numbers.
 */
export function parsePlanDocument(input: Buffer | string, options: ParseOptions = {}): ImportResult {
  let text: string;
  if (typeof input === "string") {
    if (looksBinary(input)) throw new ImportError("binary", "the text contains binary control characters");
    text = input.replace(/^\uFEFF/, "");
  } else {
    text = decodeDocumentDetailed(input).text;
  }
  if (text.trim() === "") throw new ImportError("empty", "the document is empty");
  const global: ImportWarning[] = [];
  const split = splitLines(text);
  global.push(...split.warnings);
  const chrome = stripChrome(split.lines);
  global.push(...chrome.warnings);
  const deduped = removeDuplicateBlocks(chrome.lines);
  global.push(...deduped.warnings);
  if (deduped.lines.length === 0) throw new ImportError("no_tasks", "the document holds nothing but web-page chrome");
  const segments = splitDocuments(deduped.lines);
  const analyses = segments.map(analyseSegment);
  const groups = groupDocuments(analyses, global);
  if (groups.length === 0) {
    throw new ImportError("no_tasks", "no tasks found: no numbered item names a responsible unit (牵头/负责/配合, 执行单位, 局内/省份)");
  }
  const starts = segments.map(firstLine);
  const segmentOf = (line: number): DocumentSegment => {
    let index = 0;
    starts.forEach((s, i) => {
      if (line >= s) index = i;
    });
    return segments[index]!;
  };
  const ownerOf = (line: number): number => {
    const seg = segmentOf(line);
    const i = groups.findIndex((g) => g.analysis.segment === seg || g.notice === seg);
    return i >= 0 ? i : 0;
  };
  const metaFor = (g: PlanGroup): MetaEntry[] =>
    chrome.meta.filter((m) => {
      const seg = segmentOf(m.line);
      return seg === g.analysis.segment || seg === g.notice;
    });
  const plans: ParsedPlan[] = groups.map((g) => buildPlan(g.analysis, g.notice, metaFor(g), options.sourceName ?? null));
  for (const w of global) plans[ownerOf(w.line)]!.warnings.push(w);
  const slugs = uniqueSlugs(plans.map((p) => p.slug));
  plans.forEach((p, i) => {
    p.slug = slugs[i]!;
    p.warnings = sortWarnings(p.warnings);
  });
  applySlugOption(plans, options.planSlug);
  return { plans };
}

function applySlugOption(plans: ParsedPlan[], requested: string | undefined): void {
  if (requested === undefined) return;
  if (plans.length !== 1) {
    for (const p of plans) p.warnings.unshift({ line: 0, message: `--plan-slug ignored: the file holds ${plans.length} plans` });
    return;
  }
  const slug = sanitiseSlug(requested);
  const plan = plans[0]!;
  if (slug === "") {
    plan.warnings.unshift({ line: 0, message: `--plan-slug “${requested}” has no usable characters; kept ${plan.slug}` });
    return;
  }
  if (slug !== requested) plan.warnings.unshift({ line: 0, message: `--plan-slug “${requested}” written as ${slug}` });
  plan.slug = slug;
}
