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

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
