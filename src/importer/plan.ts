import type { ImportedDeadline, ImportedPlan, ImportedTask, ImportWarning } from "./types.ts";
import type { MetaEntry } from "./chrome.ts";
import { findDeadlines, mergeDeadlines } from "./deadlines.ts";
import type { DocumentSegment } from "./documents.ts";
import { planMetadata, wrappedTitle } from "./metadata.ts";
import type { SegmentAnalysis } from "./segment.ts";
import { planSlug } from "./slug.ts";
import { extractTargets, type SourceLine } from "./targets.ts";
import { resolveUnits } from "./units.ts";

/** A plan as the importer returns it, with its plan-level deadlines always present. */
export interface ParsedPlan extends ImportedPlan {
  deadlines: ImportedDeadline[];
}

function wrappedTitleIn(title: string): string | null {
  const key = wrappedTitle(title);
  if (!key) return null;
  const at = title.indexOf("《");
  const end = title.indexOf("》", at);
  return at >= 0 && end > at ? title.slice(at + 1, end) : key;
}

function noticeLines(notice: DocumentSegment | null): SegmentAnalysis["segment"]["body"] {
  return notice ? [...notice.header, ...notice.body] : [];
}

/** Assembles one plan from its analysed document, the notice that wraps it and page metadata. */
export function buildPlan(
  analysis: SegmentAnalysis,
  notice: DocumentSegment | null,
  meta: MetaEntry[],
  sourceName: string | null,
): ParsedPlan {
  const { segment, tasks: drafts, roster } = analysis;
  const warnings: ImportWarning[] = [...analysis.warnings];
  // A notice that holds the tasks itself (no title line for the plan): the plan is what it hands out.
  const wrapped = segment.isNotice && segment.title ? wrappedTitleIn(segment.title) : null;
  const md = planMetadata({
    title: wrapped ?? segment.title,
    noticeTitle: wrapped ? segment.title : (notice?.title ?? null),
    notice: noticeLines(notice),
    header: segment.header,
    body: segment.body,
    meta,
  });
  warnings.push(...md.warnings);
  let title = md.title;
  if (!title) {
    const first = segment.body[0];
    const fromName = sourceName?.split(/[\\/]/).at(-1)?.replace(/\.[^.]*$/, "").trim();
    title = fromName || (first ? first.text.slice(0, 40) : "未命名计划");
    warnings.push({ line: first?.no ?? 0, message: `no document title found; “${title}” used as title` });
  }
  const resolved = resolveUnits(
    drafts.map((d) => d.mentions),
    roster,
  );
  warnings.push(...resolved.warnings);
  const tasks: ImportedTask[] = drafts.map((d, i) => ({
    number: d.number,
    title: d.title,
    section: d.section,
    text: d.text,
    units: resolved.taskUnits[i]!,
    required: d.required,
    requirementNote: d.requirementNote,
    deadlines: d.deadlines,
  }));
  const inTasks = new Set(drafts.flatMap((d) => [...d.lines]));
  const deadlines: ImportedDeadline[] = [];
  for (const line of segment.body) {
    if (inTasks.has(line.no) || analysis.excluded.has(line.no)) continue;
    mergeDeadlines(deadlines, findDeadlines(line.text, line.norm));
  }
  const sourceLines: SourceLine[] = [
    ...(segment.titleLine !== null && segment.title ? [{ no: segment.titleLine, text: segment.title }] : []),
    ...segment.body.filter((l) => !analysis.excluded.has(l.no)).map((l) => ({ no: l.no, text: l.text })),
  ];
  const issuedYear = md.issuedOn ? Number(md.issuedOn.slice(0, 4)) : null;
  const targets = extractTargets(
    sourceLines,
    drafts.map((d) => ({ number: d.number, startLine: d.startLine, endLine: d.endLine })),
    { periodStart: md.period?.start ?? null, periodEnd: md.period?.end ?? null, issuedYear },
  );
  warnings.push(...targets.warnings);
  const plan: ParsedPlan = {
    slug: planSlug({ title, issuer: md.issuer, period: md.period, issuedOn: md.issuedOn }),
    title,
    issuer: md.issuer,
    issuedOn: md.issuedOn,
    period: md.period,
    tasks,
    targets: targets.targets,
    units: resolved.units,
    warnings: sortWarnings(warnings),
    deadlines,
  };
  if (resolved.contacts.length > 0) plan.contacts = resolved.contacts;
  return plan;
}

/** Warnings in line order, exact repeats removed. */
export function sortWarnings(warnings: ImportWarning[]): ImportWarning[] {
  const seen = new Set<string>();
  return [...warnings]
    .sort((a, b) => a.line - b.line)
    .filter((w) => {
      const key = `${w.line}:${w.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}
