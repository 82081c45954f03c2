import type { CommandDefinition } from "./command.ts";

export interface CommandRegistry {
  readonly commands: readonly CommandDefinition[];
  /** Finds a command by name or alias, case-insensitively. */
  find(word: string): CommandDefinition | null;
  /** The closest name or alias to a mistyped word, if any is close. */
  suggest(word: string): string | null;
}

/** Builds the lookup table; a name or alias used twice is a programming error and throws. */
export function createRegistry(commands: readonly CommandDefinition[]): CommandRegistry {
  const byWord = new Map<string, CommandDefinition>();
  for (const command of commands) {
    for (const word of [command.name, ...command.aliases]) {
      const key = word.toLowerCase();
      const other = byWord.get(key);
      if (other) throw new Error(`command word "${word}" is used by both /${other.name} and /${command.name}`);
      byWord.set(key, command);
    }
  }
  return {
    commands,
    find: (word) => byWord.get(word.toLowerCase()) ?? null,
    suggest(word) {
      let best: string | null = null;
      let bestDistance = Infinity;
      for (const [key, command] of byWord) {
        const d = editDistance(word.toLowerCase(), key);
        if (d < bestDistance && d <= Math.max(1, Math.floor(key.length / 3))) {
          bestDistance = d;
          best = command.name;
        }
      }
      return best;
    },
  };
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
