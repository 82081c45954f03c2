/**
 * A plan as read from a document: the importer's output contract (`duban import --dry-run --json`
 * prints exactly `{ plans: ImportedPlan[] }`) and what the store writes.
 */
export type UnitRole = "lead" | "responsible" | "support" | "department" | "executor";

export interface ImportWarning {
  /** 1-based line number in the decoded source text. */
  line: number;
  message: string;
}

export interface ImportedDeadline {
  text: string;
  /** YYYY-MM-DD, the last day the deadline allows; null for recurrences and vague dates. */
  date: string | null;
  recurrence: "yearly" | null;
}

export interface ImportedTask {
  /** Arabic numeral string: `（十四）` → "14". */
  number: string;
  title: string;
  section: string | null;
  text: string;
  units: { name: string; role: UnitRole }[];
  required: boolean | null;
  requirementNote: string | null;
  deadlines: ImportedDeadline[];
}

export interface ImportedMilestone {
  year: number;
  value: number;
  /** Present only when the document gives a range (`1—2个`): value is the low end. */
  valueMax?: number;
}

export type Comparator = ">=" | "<=" | ">" | "=";
export type TargetKind = "level" | "growth" | "reduction" | "share";

export interface ImportedTarget {
  name: string;
  /** Base unit after expansion (`13万件` → 件, `25亿元` → 元, `%` for growth/reduction/share). */
  unit: string;
  comparator: Comparator;
  kind: TargetKind;
  baseline: { year: number; value: number } | null;
  milestones: ImportedMilestone[];
  taskNumber: string | null;
}

export interface ImportedUnit {
  name: string;
  aliases: string[];
}

export interface ImportedContact {
  name: string;
  title: string | null;
  unit: string | null;
}

export interface ImportedPlan {
  slug: string;
  title: string;
  issuer: string | null;
  issuedOn: string | null;
  period: { start: number; end: number } | null;
  tasks: ImportedTask[];
  targets: ImportedTarget[];
  units: ImportedUnit[];
  warnings: ImportWarning[];
  /** The file format the plan was read from (`text`, `docx`, `pdf`, `xlsx`, `doc`); absent for text given directly. */
  sourceFormat?: "text" | "docx" | "xlsx" | "pdf" | "doc" | "xls" | "other";
  /** Deadlines written outside any task (`每年12月15日前报送…`): kept with the plan. */
  deadlines?: ImportedDeadline[];
  /**
   * People named in a roster attachment (leading group and members). Not part of the
   * JSON contract: `--json` output omits it; the store keeps them as contacts.
   */
  contacts?: ImportedContact[];
}

export interface ImportResult {
  plans: ImportedPlan[];
}
