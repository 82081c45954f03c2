import type { TaskStatus } from "./types.ts";

/** A progress phrase; `keep` phrases stay in the note because they carry nuance. */
export interface StatusRule {
  kind: TaskStatus;
  re: RegExp;
  keep?: boolean;
}

/** Latin word with letter boundaries (works next to CJK and digits, unlike \b). */
const w = (words: string): string => `(?<![a-z])(?:${words})(?![a-z])`;

/** Order matters: earlier rules claim their text first (negations before plain words). */
export const STATUS_RULES: StatusRule[] = [
  {
    kind: "not_started",
    re: new RegExp(
      "还没有?(?:开始|启动|开展|着手|动)|尚未(?:开始|启动|开展|着手)|未(?:开始|启动|开展|着手)|没有?(?:开始|启动|开展)|" +
        w("not (?:yet )?(?:started|begun)|(?:hasn'?t|has not|haven'?t|have not) (?:yet )?(?:started|begun)"),
      "g",
    ),
  },
  {
    kind: "blocked",
    re: new RegExp(
      "无法(?:完成|推进|开展)|难以(?:完成|推进|开展)|很难完成|完成不了|不能完成|推进不了|推不动|" +
        w("can'?t (?:finish|complete|proceed)|cannot (?:finish|complete|proceed)"),
      "g",
    ),
  },
  {
    kind: "in_progress",
    re: new RegExp(
      "尚未完成|还没有?完成|未完成|没有?完成|未办结|" +
        w("not (?:yet )?(?:done|finished|completed?)|incomplete|unfinished|(?:no longer|not) (?:blocked|stuck)") +
        "|不再受阻|(?:已经?)?解除(?:阻塞|受阻)",
      "g",
    ),
  },
  { kind: "in_progress", re: /基本完成|大部分完成|部分完成|初步完成|接近完成|即将完成|进展缓慢/g, keep: true },
  {
    kind: "blocked",
    re: new RegExp(
      "受阻|阻塞|卡住了?|卡壳|卡在|停滞|暂停|搁置|遇阻|遇到困难|存在困难|有困难|" +
        w("blocked|stuck|on hold|halted|paused"),
      "g",
    ),
  },
  {
    kind: "done",
    re: new RegExp(
      "(?:已经?|全部|均已|都已)?(?:完成了?|办结了?|结项了?|搞定了?|做完了?|完工了?|竣工了?)(?![率度情时目进数量额后前])|" +
        w("done|finished|complete|completed") +
        "|✅|✔|☑",
      "g",
    ),
  },
  {
    kind: "in_progress",
    re: new RegExp(
      "(?:正在|开始|稳步|有序|正常|顺利|持续|加快|积极|全面|已在|在)推进中?|推进中|(?:已经?)?(?:开始|启动|着手)(?![前后])了?|" +
        "进行中|正在进行|办理中|实施中|进展顺利|恢复推进|" +
        w("in progress|ongoing|underway|under way|started|wip|unblocked|working on it"),
      "g",
    ),
  },
];

const PCT_PREFIX =
  "(?:进度|进展|完成度|完成率|完成比例|(?:已经?)?完成了?|推进了?|" + w("progress(?: is)?|done|completed?") + ")";
const PCT_LINK = String.raw`\s*(?:为|是|达到?|到了?|约|已达|:|=|at|is)?\s*`;
const CN_SMALL = "[零〇一二两三四五六七八九十百]{1,4}";

/** Percent with optional progress keyword before (`进度80%`) or after (`60% done`). */
export const PERCENT_RE = new RegExp(
  `(${PCT_PREFIX}${PCT_LINK})?(?:(?<![\\d.])(\\d{1,3}(?:\\.\\d+)?)\\s*%|百分之\\s*(\\d{1,3}(?:\\.\\d+)?|${CN_SMALL}))` +
    `(\\s*(?:完成|${w("done|completed?")})(?![率度]))?`,
  "g",
);

/** `完成八成`, `进度过半`-style tenths (always keyworded). */
export const TENTHS_RE = /(?:进度|完成了?|已完成)\s*(?:([一二三四五六七八九])成(?![功本果员立绩效])|(一半))/g;

/** Words that turn a following status into a forecast (`预计月底完成` is not done yet). */
export const FORECAST_RE = new RegExp(
  "(?:预计|预期|计划|争取|力争|确保|有望|可望|即将|将要?|马上|快要|准备|拟|打算|下周|下个?月|明天|明年|后天|下半年|" +
    w("will|going to|plan(?:ned)? to|expect(?:ed)? to|on track to|scheduled to") +
    ")",
);

/** Words that make a status a directive, a hypothesis or history, never a report. */
export const DIRECTIVE_RE = new RegExp(
  "(?:需要|必须|应当|应该|务必|尽快|要求|为了|(?<!申)请|能否|是否|可能|或将|防止|避免|以免|如果|若|一旦|" +
    "(?<![主重纲摘提简概只想])要|" +
    w("should|must|need to|needs to|might|may|if|avoid|please|pls") +
    ")",
);

/** Before a blocked phrase these make it history (`之前卡住`), not the current state. */
export const HISTORY_RE = /之前|此前|曾经?|原先|原来|(?<![a-z])(?:was|were|had been)(?![a-z])/;

/** A blocked phrase followed by this is history (`卡住的问题已解决`). */
export const RESOLVED_RE = /^.{0,8}?(?:解决|解除|排除|疏通|化解|消除|resolved|cleared|fixed)/;

/** Interrogative clause: a question about a task is not an update. */
export const QUESTION_RE = new RegExp(
  "\\?|吗|怎么样|怎样|如何|多少|几(?!乎)|什么|啥|哪|是否|有没有|能否|能不能|可不可以|了没|咋|为何|为什么|" +
    "^\\s*" + w("is|are|has|have|did|does|do|when|what|how|why|where|who|which|any|can|could"),
);

/** Text that may sit between a task reference and its bare percent (`task #7: 60%`). */
export const ADJACENT_FILLER_RE = new RegExp(
  "^(?:[\\s:=\\-–—>→\\u0001]|目前|现在|当前|已经?|约|大约|达到?|为|是|的|进度|进展|由|从|负|" + w("is|at|now|about|from") + ")*$",
);

/** Between two percents, says the second replaces the first (`由30%提升到45%`, `30% → 45%`). */
export const FROM_TO_RE = new RegExp(
  "^\\s*(?:(?:再|已|已经)?(?:提升|提高|增加|增长|上升|升|涨|推进|调整|更新|改|变)了?\\s*)?(?:到了?|至|为|成|->|→|=>|" +
    w("to|now") + ")\\s*$",
);

/** A negation right in front of a status word (`没有受阻`, `并未完成`, `isn't done`). */
export const NEGATION_RE = new RegExp(
  "(?:并?没有?|并?未|尚未|还没有?|从未|从没|不|无|毫无|别|勿|" +
    w("not|never|no|isn'?t|aren'?t|wasn'?t|weren'?t|hasn'?t|haven'?t|didn'?t|doesn'?t|don'?t") +
    ")\\s*(?:再|曾|被|太|会|是|在|算|怎么)?\\s*$",
);

/** A clause holding nothing but a reference and these words lets the next clause carry progress. */
export const EMPTY_CLAUSE_RE = new RegExp(
  "^(?:[\\s\\p{P}\\p{S}\\u0001]|目前|现在|当前|最新|进度|进展|状态|情况|更新|汇报|报告|的|如下|" +
    w("update|status|progress") + ")*$",
  "u",
);

/** A task note made only of these words is empty. */
export const NOTE_FILLER_RE = new RegExp(
  "^(?:\\s|目前|现在|当前|已经?|都|也|了|啦|的|状态|情况|进度|进展|" + w("is|are|was|now|has been|been|at|the|status") + ")+$",
  "i",
);
