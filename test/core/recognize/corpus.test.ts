import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { recognizeUpdate, type Reading, type Recognition } from "../../../src/core/recognize/index.ts";
import { CTX } from "./fixtures.ts";

interface Case {
  line: number;
  category: string;
  text: string;
  /** Exactly what must be stored (empty: nothing). */
  writes: string[];
  /** The bot must ask back instead ("?" or "?7" / "?T6"). */
  asks: string | null;
}

/** Phone-style messages with their expected outcome, one per line (see the file's header). */
function loadCorpus(): Case[] {
  const file = new URL("./corpus.tsv", import.meta.url);
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((raw, i) => ({ raw, line: i + 1 }))
    .filter(({ raw }) => raw.trim() !== "" && !raw.startsWith("#"))
    .map(({ raw, line }) => {
      const [category = "", text = "", expected = ""] = raw.split("\t");
      const asks = expected.startsWith("?") ? expected : null;
      const writes = asks || expected === "-" ? [] : expected.split(";").map((s) => s.trim());
      return { line, category, text: text.replace(/\\n/g, "\n"), writes, asks };
    });
}

/** `7=in_progress:60`, `T3=1860000000`: one stored row, written like the corpus. */
function key(r: Reading): string {
  if (r.kind === "target") return `T${r.targetId}=${r.value}`;
  return `${r.taskNumber}=${r.status}${r.percent !== null ? `:${r.percent}` : ""}`;
}

function written(r: Recognition): string[] {
  if (r.kind === "task" || r.kind === "target") return [key(r)];
  if (r.kind === "tasks") return r.updates.map(key);
  return [];
}

/** What the question is about (`7`, `T6`), or "" when it names nothing. */
function askedAbout(r: Recognition): string | null {
  if (r.kind !== "ambiguous") return null;
  return r.taskNumbers?.[0] ?? (r.targetIds?.[0] !== undefined ? `T${r.targetIds[0]}` : "");
}

const corpus = loadCorpus();

describe("recognition corpus", () => {
  it("holds at least 300 realistic messages of every kind", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    for (const c of ["clear", "target", "multi", "question", "negation", "forecast", "bad", "chat", "fullwidth", "emoji", "typo"]) {
      expect(corpus.some((x) => x.category === c)).toBe(true);
    }
    // zh-TW, English, Chinese numerals, and chat that merely contains numbers.
    const some = (re: RegExp, category?: string) => corpus.filter((x) => re.test(x.text) && (!category || x.category === category)).length;
    expect(some(/任務|進度|驗收|項/)).toBeGreaterThanOrEqual(10);
    expect(some(/\b(?:task|done|blocked|progress)\b/i)).toBeGreaterThanOrEqual(10);
    expect(some(/[一二三四五六七八九十]+(?:号|號|项|項)|任[务務][一二三四五六七八九十]/)).toBeGreaterThanOrEqual(5);
    expect(some(/[0-9０-９]/, "chat")).toBeGreaterThanOrEqual(20);
  });

  it("never stores a value the sender did not report, and reports recall", () => {
    const wrong: string[] = [];
    const missed: string[] = [];
    let clearHits = 0;
    let clearTotal = 0;
    for (const c of corpus) {
      const r = recognizeUpdate(c.text, CTX);
      const got = written(r);
      // A wrong write: anything stored that is not exactly one of the expected rows.
      const extra = got.filter((g) => !c.writes.includes(g));
      if (extra.length > 0) wrong.push(`line ${c.line} ${JSON.stringify(c.text)} stored ${extra.join(", ")}`);
      const exact = c.asks
        ? r.kind === "ambiguous" && (c.asks === "?" || askedAbout(r) === c.asks.slice(1))
        : got.length === c.writes.length && c.writes.every((w) => got.includes(w));
      if (!exact) missed.push(`line ${c.line} [${c.category}] ${JSON.stringify(c.text)} → ${JSON.stringify(got.length ? got : r.kind)}`);
      if (["clear", "fullwidth", "emoji"].includes(c.category) && c.writes.length === 1) {
        clearTotal++;
        if (exact) clearHits++;
      }
    }
    const recall = clearHits / clearTotal;
    const overall = (corpus.length - missed.length) / corpus.length;
    console.info(
      `corpus: ${corpus.length} messages; wrong writes ${wrong.length}; ` +
        `recall on clear single-task updates ${(recall * 100).toFixed(1)}% (${clearHits}/${clearTotal}); ` +
        `exact outcome overall ${(overall * 100).toFixed(1)}%` +
        (missed.length ? `\nnot exact:\n  ${missed.join("\n  ")}` : ""),
    );
    expect(wrong).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
