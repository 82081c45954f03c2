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
  | "unit_mismatch";

/**
 * The outcome of reading one chat message. `none` means ordinary chat (ignore silently);
 * `ambiguous` means the bot should ask back and store nothing.
 */
export type Recognition =
  | { kind: "none" }
  | { kind: "task"; taskNumber: string; status: TaskStatus; percent: number | null; note: string | null }
  | { kind: "target"; targetId: number; value: number; note: string | null }
  | {
      kind: "ambiguous";
      question: AmbiguityQuestion;
      taskNumbers?: string[];
      targetIds?: number[];
      text: string;
    };
