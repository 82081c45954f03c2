import type { ImportWarning } from "./types.ts";
import { makeLine, type Line } from "./lines.ts";
import { isHan } from "./normalize.ts";

type Match = { kind: "exact" } | { kind: "junk"; cleaner: "first" | "second"; inserted: [number, number][] };

/**
 * Where Han characters were inserted into `short` to make `long`, when that is all that differs:
 * [start, end) ranges in `long`; null otherwise.
 */
export function insertedJunk(short: string, long: string): [number, number][] | null {
  const extra = long.length - short.length;
  if (extra <= 0 || extra > Math.max(6, Math.floor(short.length * 0.1))) return null;
  const runs: [number, number][] = [];
  let start = -1;
  let j = 0;
  for (let i = 0; i < long.length; i++) {
    if (j < short.length && long[i] === short[j]) {
      j++;
      if (start >= 0) runs.push([start, i]);
      start = -1;
    } else {
      if (!isHan(long[i]!)) return null;
      if (start < 0) start = i;
    }
  }
  if (start >= 0) runs.push([start, long.length]);
  if (j !== short.length || runs.length > 3) return null;
  return runs;
}

function key(line: Line): string {
  return line.norm.replace(/\s+/g, "");
}

function compare(a: Line, b: Line): Match | null {
  const ka = key(a);
  const kb = key(b);
  if (ka === kb) return { kind: "exact" };
  if (ka.length < kb.length) {
    const inserted = insertedJunk(ka, kb);
    return inserted ? { kind: "junk", cleaner: "first", inserted } : null;
  }
  const inserted = insertedJunk(kb, ka);
  return inserted ? { kind: "junk", cleaner: "second", inserted } : null;
}

interface Block {
  first: number;
  second: number;
  length: number;
  pairs: (Match | null)[];
}

function extend(lines: Line[], i: number, j: number, removed: Set<number>): Block {
  let back = 0;
  while (i - back - 1 >= 0 && !removed.has(j - back - 1) && compare(lines[i - back - 1]!, lines[j - back - 1]!)) back++;
  const first = i - back;
  const second = j - back;
  const pairs: (Match | null)[] = [];
  let k = 0;
  while (second + k < lines.length && first + k < second) {
    const m = compare(lines[first + k]!, lines[second + k]!);
    if (!m) {
      const next = first + k + 1 < second && second + k + 1 < lines.length
        ? compare(lines[first + k + 1]!, lines[second + k + 1]!)
        : null;
      if (!next) break;
    }
    pairs.push(m);
    k++;
  }
  return { first, second, length: k, pairs };
}

function significant(lines: Line[], block: Block): boolean {
  const matched = block.pairs.filter((p) => p !== null).length;
  let chars = 0;
  for (let k = 0; k < block.length; k++) chars += lines[block.second + k]!.norm.length;
  return (matched >= 3 && chars >= 150) || (matched >= 2 && chars >= 300);
}

/**
 * Finds blocks of lines repeated by a bad copy-paste. The later copy is dropped; where the two
 * copies differ only by a few inserted characters, the cleaner text is kept (in the first copy's
 * place) and the inserted characters are reported.
 */
export function removeDuplicateBlocks(lines: Line[]): { lines: Line[]; warnings: ImportWarning[] } {
  const warnings: ImportWarning[] = [];
  const removed = new Set<number>();
  const replaced = new Map<number, Line>();
  const byEdge = new Map<string, number[]>();
  const edges = (line: Line): string[] => {
    const k = key(line);
    return [`<${k.slice(0, 6)}`, `>${k.slice(-6)}`];
  };
  for (let j = 0; j < lines.length; j++) {
    const line = lines[j]!;
    if (removed.has(j)) continue;
    const long = key(line).length >= 20;
    const candidates = new Set<number>();
    if (long) for (const edge of edges(line)) for (const i of (byEdge.get(edge) ?? []).slice(-20)) candidates.add(i);
    let accepted: Block | null = null;
    for (const i of [...candidates].sort((a, b) => b - a)) {
      if (removed.has(i) || !compare(lines[i]!, line)) continue;
      const block = extend(lines, i, j, removed);
      if (significant(lines, block)) {
        accepted = block;
        break;
      }
    }
    if (accepted) {
      applyBlock(lines, accepted, removed, replaced, warnings);
      j = accepted.second + accepted.length - 1;
      continue;
    }
    if (long) {
      for (const edge of edges(line)) {
        const list = byEdge.get(edge) ?? [];
        list.push(j);
        byEdge.set(edge, list);
      }
    }
  }
  const out = lines.map((line, i) => replaced.get(i) ?? line).filter((_, i) => !removed.has(i));
  return { lines: out, warnings };
}

function applyBlock(
  lines: Line[],
  block: Block,
  removed: Set<number>,
  replaced: Map<number, Line>,
  warnings: ImportWarning[],
): void {
  const firstNo = lines[block.first]!.no;
  const secondNo = lines[block.second]!.no;
  const lastNo = lines[block.second + block.length - 1]!.no;
  const firstLast = lines[block.first + block.length - 1]!.no;
  warnings.push({
    line: secondNo,
    message: `lines ${secondNo}–${lastNo} repeat lines ${firstNo}–${firstLast} (copy-paste); the repeat was dropped`,
  });
  block.pairs.forEach((pair, k) => {
    const a = lines[block.first + k]!;
    const b = lines[block.second + k]!;
    removed.add(block.second + k);
    if (pair === null) {
      warnings.push({ line: a.no, message: `line differs from its repeat at line ${b.no}; kept the first copy` });
    } else if (pair.kind === "junk") {
      const dirty = pair.cleaner === "first" ? b : a;
      const clean = pair.cleaner === "first" ? a : b;
      const written = dirty.text.replace(/\s+/g, "");
      const inserted = pair.inserted.map(([s, e]) => `“${written.slice(s, e)}”`).join(", ");
      warnings.push({
        line: dirty.no,
        message: `stray characters ${inserted} are not in the repeated copy (line ${clean.no}); kept the cleaner text`,
      });
      if (pair.cleaner === "second") replaced.set(block.first + k, makeLine(a.no, b.text));
    }
  });
}
