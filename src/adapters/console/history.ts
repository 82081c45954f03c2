import fs from "node:fs";
import path from "node:path";

/** Lines of console history kept between sessions. */
export const HISTORY_LINES = 500;

/**
 * The interactive console's history file (in the data dir): read at start, rewritten after each
 * line, at most {@link HISTORY_LINES} lines, readable by its owner only (0600: what was typed may
 * name people and plans). History is a convenience: a file that cannot be read or written is
 * skipped silently, never an error at the prompt.
 */
export interface HistoryFile {
  /** The saved lines, newest first (as readline's `history` option takes them). */
  load(): string[];
  /** Saves readline's history (newest first), the newest {@link HISTORY_LINES} of it. */
  save(history: readonly string[]): void;
}

export function historyFile(file: string): HistoryFile {
  return {
    load() {
      try {
        const lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "");
        return lines.slice(-HISTORY_LINES).reverse();
      } catch {
        return [];
      }
    },
    save(history) {
      const text = history.slice(0, HISTORY_LINES).reverse().join("\n");
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        // A new file each time, created 0600, then renamed over the old: the mode holds even if an
        // older file was wider, and a crash mid-write never leaves half a history.
        fs.writeFileSync(tmp, text ? `${text}\n` : "", { mode: 0o600 });
        fs.chmodSync(tmp, 0o600);
        fs.renameSync(tmp, file);
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    },
  };
}
