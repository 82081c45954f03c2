import path from "node:path";
import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Dispatcher } from "../../core/dispatcher.ts";
import { translator, type Locale } from "../../core/i18n/index.ts";
import type { Inbound } from "../../core/inbound.ts";
import type { Adapter } from "../contract.ts";
import { createConsolePoster } from "./poster.ts";
import { saveReplyFiles } from "../files.ts";
import { formatReplyText } from "./format.ts";
import { consoleText } from "./catalog.ts";
import { HISTORY_LINES, historyFile } from "./history.ts";

export interface ConsoleAdapterConfig {
  dispatcher: Dispatcher;
  /** The core's inbound path (dedupe, in-flight); without it lines go straight to the dispatcher. */
  inbound?: Inbound;
  input: Readable;
  output: Writable;
  /** Interactive prompt (a TTY) or one command per line from a pipe. */
  interactive: boolean;
  userId: string;
  userName: string;
  channelId?: string;
  /** Locale for the adapter's own prompt text; replies use the dispatcher's resolution. */
  locale: Locale;
  /** `--lang`: replies in this language whatever the stored settings say. */
  forceLocale?: Locale;
  /** Printed before the first prompt on a terminal: which plan is bound, what to type. */
  welcome?: readonly string[];
  /** Called when input ends (EOF, Ctrl-D, Ctrl-C or a quit word). */
  onEnd?: () => void;
  /** Where files sent with replies (exports, charts) are written; their paths are printed. */
  filesDir?: string;
  /** Interactive only: the file that keeps the prompt's history between sessions (in the data dir). */
  historyFile?: string;
}

/** The usual ways out of a prompt. */
const QUIT_WORDS = new Set(["/quit", "/exit", "/q", "quit", "exit", "退出", "/退出", "離開", "/離開"]);

/** Tab completion of command names (`/ta` → `/task`, `/任` → `/任务`), with `/` or `!`. */
export function commandCompleter(names: readonly string[]): (line: string) => [string[], string] {
  const words = [...new Set([...names.map((n) => `/${n}`), "/quit"])];
  return (line) => {
    const m = /^\s*([/!／！])(\S*)$/.exec(line);
    if (!m) return [[], line];
    const prefix = m[1] === "!" || m[1] === "！" ? "!" : "/";
    const hits = words.filter((w) => w.slice(1).toLowerCase().startsWith(m[2]!.toLowerCase())).map((w) => `${prefix}${w.slice(1)}`);
    return [hits, line.trimStart()];
  };
}

/**
 * The console is one channel (`console`) and one user. Lines are handled strictly in order:
 * a piped script reads like a conversation.
 */
export function createConsoleAdapter(config: ConsoleAdapterConfig): Adapter & { done: Promise<void> } {
  const channelId = config.channelId ?? "console";
  const t = translator(config.locale);
  let rl: readline.Interface | undefined;
  let seq = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let queue = Promise.resolve();
  let quitting = false;

  const write = (s: string) => config.output.write(s.endsWith("\n") ? s : `${s}\n`);

  async function handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (!text || quitting) return;
    if (QUIT_WORDS.has(text.toLowerCase())) {
      quitting = true;
      rl?.close();
      return;
    }
    const message = {
      platform: "console",
      channelId,
      userId: config.userId,
      userName: config.userName,
      text,
      messageId: `console-${process.pid}-${Date.now()}-${++seq}`,
      isDirect: true,
      addressed: true,
      ...(config.forceLocale ? { locale: config.forceLocale } : {}),
    };
    const replies = config.inbound
      ? await config.inbound.receive({ eventId: message.messageId, message })
      : await config.dispatcher.handle(message);
    for (const r of replies ?? []) {
      write(`${formatReplyText(r, t)}\n`);
      if (r.files?.length) write(saveReplyFiles(filesDir, r.files, r.locale ? translator(r.locale) : t).join("\n"));
    }
  }

  const filesDir = config.filesDir ?? path.resolve("duban-files");
  const poster = createConsolePoster(config.output, config.forceLocale ?? config.locale, filesDir);
  return {
    name: "console",
    done,
    poster,
    render(reply) {
      const text = formatReplyText(reply, t);
      return { payloads: [text], text, private: Boolean(reply.private) };
    },
    idle: () => queue.then(() => config.inbound?.idle()),
    async start() {
      const names = config.dispatcher.registry.commands.flatMap((c) => [c.name, ...c.aliases]);
      // Piped input keeps no history: only what a person typed at a terminal is saved.
      const history = config.interactive && config.historyFile ? historyFile(config.historyFile) : undefined;
      rl = readline.createInterface({
        input: config.input,
        output: config.interactive ? config.output : undefined,
        terminal: config.interactive,
        ...(config.interactive
          ? { completer: commandCompleter(names), historySize: HISTORY_LINES, removeHistoryDuplicates: true, history: history?.load() ?? [] }
          : {}),
      });
      if (history) rl.on("history", (lines: string[]) => history.save(lines.filter((l) => !QUIT_WORDS.has(l.trim().toLowerCase()))));
      let closed = false;
      if (config.interactive) {
        for (const l of config.welcome ?? []) write(l);
        rl.setPrompt(consoleText(config.locale)("console.prompt"));
        rl.prompt();
        // Ctrl-C leaves like Ctrl-D (the terminal is in raw mode, so no signal reaches the process).
        rl.on("SIGINT", () => rl?.close());
      }
      rl.on("line", (line) => {
        const work = () => (config.inbound ? config.inbound.track("console line", () => handleLine(line)) : handleLine(line));
        queue = queue
          .then(work)
          .catch((err) => write(String(err)))
          .then(() => {
            if (config.interactive && !closed) rl?.prompt();
          });
      });
      rl.on("close", () => {
        closed = true;
        if (config.interactive) config.output.write("\n");
        void queue.then(() => {
          resolveDone();
          config.onEnd?.();
        });
      });
    },
    async stop() {
      rl?.close();
      await done;
    },
  };
}
