import type { Comparator } from "./types.ts";
import { findComparators } from "./quantity.ts";

// Words that sit between a subject and its verb (`贯标企业累计达到`, `增长力争不低于`).
const FILLER = "至少|最少|累计|力争|争取|确保|要|将|均|需|应|继续|稳定|总计|共计|共|合计|分别|持续|每年|年均|当年|全年|再|进一步|实现|逐步|稳步|超额|约|近|总共|已|能|可";
// Bound words that may follow a verb (`增长超`, `增幅≥`).
const BOUND = "不低于|不少于|不小于|至少|超过|超|逾|不超过|不高于|高于|低于|≥|≤|>=|<=|>|<|达到|达|保持在|在|为";

const GROWTH_VERB = "增长率|增长|增幅|增速|增加|提高|提升|上升";
const REDUCTION_VERB = "压减|减少|降低|下降|压缩|缩短|削减|减";
const LEVEL_VERB =
  "达到|达|突破|超过|超|逾|不少于|不低于|不小于|不超过|不高于|至少|控制在|保持在|稳定在|维持在|" +
  "(?:提高|提升|增加|增长|上升|扩大|降低|下降|减少|压缩|缩短|压减|减)(?:到|至)|增至|降至|减至|升至|≥|≤|>=|<=|>|<";
/** Verbs that create or deliver something countable (`培育60家…`, `建成预警项目3个`). */
export const GOAL_VERB =
  "新培育|培育|建成|新建|新增|引进|扶持|认定|创建|打造|形成|完成|举办|开展|培训|召开|设立|组建|发布|制定|遴选|评选|" +
  "建设|支持|服务|帮扶|推广|孵化|吸引|招引|认证|备案|实施|布局|储备|筛选|获批|获得|推动|培养|选拔|办理|" +
  "查处|办结|受理|调解|化解|审结|立案|出台|编制|组织|筹建";

const tail = (verbs: string) =>
  new RegExp(`(?:${FILLER})*(?<verb>${verbs})(?:${FILLER}|${BOUND})*\\s*(?:约|近)?\\s*$`);

const GROWTH_TAIL = new RegExp(
  `(?:年均|同比|比上年度?|比上一年度?|较上年度?|较上一年度?|较(?:19|20)\\d{2}年度?|每年)?(?:${FILLER})*(?<verb>${GROWTH_VERB})(?:率)?(?:${FILLER}|${BOUND})*\\s*(?:约|近)?\\s*$`,
);
const REDUCTION_TAIL = tail(REDUCTION_VERB);
const LEVEL_TAIL = tail(LEVEL_VERB);
const GOAL_TAIL = tail(GOAL_VERB);
const GOAL_ANYWHERE = new RegExp(`(?:${GOAL_VERB})`, "g");

export type CueKind = "growth" | "reduction" | "level" | "goal" | "change";

export interface Cue {
  kind: CueKind;
  /** Offset (in the pre text) where the cue starts: the subject is what comes before. */
  index: number;
  /** Offset and text of the verb itself. */
  verbIndex: number;
  verb: string;
}

/** The verb phrase that ends the text before a quantity, if any. */
export function tailCue(pre: string, unit: string): Cue | null {
  const percent = unit === "%" || unit.endsWith("百分点");
  const tries: [CueKind, RegExp][] = [
    ["level", LEVEL_TAIL],
    ["growth", GROWTH_TAIL],
    ["reduction", REDUCTION_TAIL],
    ["goal", GOAL_TAIL],
  ];
  let best: Cue | null = null;
  for (const [kind, re] of tries) {
    const m = re.exec(pre);
    if (!m) continue;
    const verb = m.groups!.verb!;
    const verbIndex = m.index + m[0].indexOf(verb);
    // The match that starts earliest holds the whole verb phrase (`提高到` beats `到`).
    if (!best || m.index < best.index || (m.index === best.index && kind === "level" && best.kind === "growth")) {
      best = { kind, index: m.index, verbIndex, verb };
    }
  }
  // `增加1000件`, `增长1.5倍`: an increase by an amount, which no target kind expresses (growth is
  // a percentage). `缩短3个工作日` stays a reduction in its own unit.
  if (best && best.kind === "growth" && !percent) return { ...best, kind: "change" };
  return best;
}

// Goal verbs that also make nouns: `知识产权服务`, `公共服务`, `服务机构`, `培训基地`, `专利布局`.
const NOUN_USE = /^(?:培训|服务|备案|认证|布局|储备|调解|孵化|推广|评选|实施|建设|支持)$/;
const NOUN_BEFORE = /(?:产权|专利|商标|版权|公共|社会|金融|信息|法律|中介|人才|质押|维权|运营|纠纷|产业)$/;
const NOUN_AFTER = /^(?:机构|业|中心|基地|班|体系|平台|站|网点|能力|水平|质量|工作|项目|制度|机制|模式|费|资金|体制|效率|规模|范围)/;

/** The first goal verb used as a verb in a text (`建成预警项目3个`; not the 服务 of `知识产权服务机构`). */
export function firstGoalVerb(pre: string): { index: number; verb: string } | null {
  for (const m of pre.matchAll(GOAL_ANYWHERE)) {
    const noun = NOUN_USE.test(m[0]) && (NOUN_BEFORE.test(pre.slice(0, m.index)) || NOUN_AFTER.test(pre.slice(m.index + m[0].length)));
    if (!noun) return { index: m.index, verb: m[0] };
  }
  return null;
}

const QUALIFIER = /^\s*(?:及以上|以上|以内|之内|以下|左右|上下)/;

/** A bound written right after the quantity (`90%以上`), with its length. */
export function postQualifier(post: string): { comparator: Comparator | null; length: number } {
  const m = QUALIFIER.exec(post);
  if (!m) return { comparator: null, length: 0 };
  const word = m[0].trim();
  const comparator: Comparator | null = /以上/.test(word) ? ">=" : /以内|之内|以下/.test(word) ? "<=" : "=";
  return { comparator, length: m[0].length };
}

/** The comparator a verb phrase states (`不低于` → ">=", `超` → ">", `达到` → ">="), strong words first. */
export function cueComparator(text: string): Comparator | null {
  const hits = findComparators(text);
  const hit = hits.find((h) => h.strong) ?? hits[0];
  if (hit) return hit.comparator;
  if (/(?:提高|提升|增加|增长|上升|扩大)(?:到|至)|增至|升至/.test(text)) return ">=";
  if (/(?:降低|下降|减少|压缩|缩短|压减|减)(?:到|至)|降至|减至/.test(text)) return "<=";
  return null;
}

/** Share phrasing `X继续保持全国登记总量的10%以上`: subject and total, offsets into pre. */
export function shareOf(pre: string): { subjectEnd: number; totalStart: number; totalEnd: number } | null {
  const m = /^(?<subject>.+?)(?<verb>继续保持|保持在|保持|约占|占|达到|达|为)(?<total>.+)的\s*$/.exec(pre);
  if (!m) return null;
  const subjectEnd = m.groups!.subject!.length;
  const totalStart = subjectEnd + m.groups!.verb!.length;
  return { subjectEnd, totalStart, totalEnd: totalStart + m.groups!.total!.length };
}

/** Whether a name speaks of a share of a total. */
export function isShareName(name: string): boolean {
  return /占|比重|比例|占比|份额/.test(name);
}

/** Marks a statement as recurring every year. */
export function isYearly(text: string): boolean {
  return /每年|年均|每年度|逐年|年度平均/.test(text);
}
