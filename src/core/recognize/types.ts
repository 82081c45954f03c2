/** A quantitative target of the channel's plan, as the recogniser needs it. */
export interface RecognizeTarget {
  id: number;
  name: string;
  /** Base unit: 件, 元, 个, %, 家 … (a magnitude prefix such as 万元 is understood too). */
  unit: string;
}

/** What the recogniser knows about the channel the message was posted in. */
export interface RecognizeContext {
  /** Task numbers of the channel's plan, Arabic strings ("1".."26"). */
  taskNumbers: string[];
  /** The plan's targets. */
  targets: RecognizeTarget[];
  /** The message addressed the bot (DM or @mention): asking back is allowed more often. */
  botMentioned?: boolean;
}

export type TaskStatus = "not_started" | "in_progress" | "blocked" | "done";

export type AmbiguityQuestion =
  | "which_task"
  | "which_target"
  | "unknown_task"
  | "what_progress"
  | "unit_mismatch"
  /** The number cannot be a progress or a value (negative, over 100%, a range, two values). */
  | "bad_number"
  /** A report inside a question (`任务7受阻，谁能帮忙？`): confirm before writing. */
  | "confirm";

export interface TaskReading {
  kind: "task";
  taskNumber: string;
  status: TaskStatus;
  percent: number | null;
  note: string | null;
}

export interface TargetReading {
  kind: "target";
  targetId: number;
  value: number;
  note: string | null;
}

/** One thing a message may update. */
export type Reading = TaskReading | TargetReading;

/**
 * The outcome of reading one chat message. `none` means ordinary chat (ignore silently);
 * `tasks` is one message updating several tasks (one reading each, in order);
 * `ambiguous` means the bot should ask back and store nothing. Its `options`, when present,
 * are the exact readings the user may pick from.
 */
export type Recognition =
  | { kind: "none" }
  | TaskReading
  | TargetReading
  | { kind: "tasks"; updates: TaskReading[] }
  | {
      kind: "ambiguous";
      question: AmbiguityQuestion;
      taskNumbers?: string[];
      targetIds?: number[];
      options?: Reading[];
      text: string;
    };
