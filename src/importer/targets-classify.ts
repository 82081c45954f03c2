import type { Comparator, ImportWarning, TargetKind } from "./types.ts";
import type { QuantityMatch } from "./quantity.ts";
import { cueComparator, firstGoalVerb, isShareName, shareOf, tailCue } from "./targets-cues.ts";
import { describe, name, type Sentence, type Statement } from "./targets-sentence.ts";
import { plausibleName, trimName } from "./targets-text.ts";

// Goal verbs that also end noun phrases (`知识产权培训`, `公共服务`).
const NOUN_VERB = /^(?:培训|服务|备案|认证|布局|储备|调解|孵化|推广|评选)$/;

export type Classified = Statement & { cutAtObject?: boolean };

/**
 * Decides what a quantity is the goal of, from the words before it (`…达到`, `…增长`, `培育…`)
 * and after it (`以上`, an object): null when it is no goal. Years are set by the caller.
 */
export function classify(
  s: Sentence,
  q: QuantityMatch,
  pre: string,
  preStart: number,
  objectText: string,
  objectStart: number,
  qualifier: Comparator | null,
  warnings: ImportWarning[],
): Classified | null {
  const line = s.line;
  const base = { unit: q.unit, points: [], yearly: false, line: line.no };
  const fallback: Comparator = q.over ? ">" : "=";
  const previous = s.statements[s.statements.length - 1];
  const objectName = plausibleName(objectText) ? line.text.slice(objectStart, objectStart + objectText.length) : null;
  const cue = tailCue(pre, q.unit);

  if (cue) {
    const comparator = qualifier ?? cueComparator(pre.slice(cue.index) + line.norm.slice(q.index, q.end)) ?? fallback;
    const subject = name(s, preStart, preStart + cue.index);
    if (cue.kind === "change") {
      warnings.push({ line: line.no, message: `"${subject ?? "?"}" is to increase by ${describe(q)}, an amount rather than a level or a percentage: skipped` });
      return null;
    }
    if (cue.kind === "goal") {
      const verb = line.text.slice(preStart + cue.verbIndex, preStart + cue.verbIndex + cue.verb.length);
      if (objectName) {
        s.lastGoalVerb = { text: verb, comparator };
        return { ...base, name: verb + objectName, comparator, kind: "level", cutAtObject: true };
      }
      if (subject) {
        // `举办知识产权培训10场`: 培训 ends the object, the goal verb is 举办.
        const [from] = trimName(line.norm, preStart, q.index);
        const whole = NOUN_VERB.test(cue.verb) && firstGoalVerb(line.norm.slice(from, q.index))?.index === 0 ? name(s, preStart, q.index) : null;
        return { ...base, name: whole ?? subject, comparator, kind: "level" };
      }
    } else {
      const n = subject ?? previous?.name ?? null;
      if (n) {
        const kind: TargetKind = cue.kind === "growth" || cue.kind === "reduction" ? cue.kind : q.unit === "%" && isShareName(n) ? "share" : "level";
        return { ...base, name: n, comparator, kind };
      }
    }
    warnings.push({ line: line.no, message: `a goal of ${describe(q)} names no indicator: skipped` });
    return null;
  }

  if (q.unit === "%" || q.unit.endsWith("百分点")) {
    const share = shareOf(pre);
    if (share) {
      const subject = name(s, preStart, preStart + share.subjectEnd);
      const total = line.text.slice(preStart + share.totalStart, preStart + share.totalEnd).trim();
      if (subject && total) {
        const n = `${subject}占${total}${/比重|比例|份额$/.test(total) ? "" : "比重"}`;
        return { ...base, name: n, comparator: qualifier ?? fallback, kind: "share" };
      }
    }
  }

  // `建成预警项目3个`, `培训…人才1万余人`: a goal verb, its object, then the quantity.
  const verb = q.chinese ? null : firstGoalVerb(pre);
  if (verb && pre.length - verb.index <= 30) {
    const n = name(s, preStart + verb.index, preStart + pre.length);
    if (n) return { ...base, name: n, comparator: qualifier ?? fallback, kind: "level" };
  }

  // `…，1次项目对接活动` after `至少召开1次培训和研讨活动`.
  const bare = name(s, preStart, preStart + pre.length);
  if (!bare && objectName && s.lastGoalVerb) {
    return { ...base, name: s.lastGoalVerb.text + objectName, comparator: qualifier ?? s.lastGoalVerb.comparator, kind: "level", cutAtObject: true };
  }

  // In a goals section a plain `新增著作权登记量1.2万件` is a goal.
  if (s.ctx.goals && bare && objectText.trim() === "") {
    const kind: TargetKind = q.unit === "%" && isShareName(bare) ? "share" : "level";
    return { ...base, name: bare, comparator: qualifier ?? fallback, kind };
  }
  if (qualifier === ">=" || qualifier === "<=") {
    warnings.push({ line: line.no, message: `a bound of ${describe(q)} could not be tied to an indicator: skipped` });
  }
  return null;
}

