import readline from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Dispatcher } from "../../core/dispatcher.ts";
import { translator, type Locale } from "../../core/i18n/index.ts";
import type { Adapter } from "../types.ts";
import { formatReplyText } from "./format.ts";

export interface ConsoleAdapterConfig {
  dispatcher: Dispatcher;
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
  /** Called when input ends (EOF or Ctrl-D). */
  onEnd?: () => void;
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

  const write = (s: string) => config.output.write(s.endsWith("\n") ? s : `${s}\n`);

  async function handleLine(line: string): Promise<void> {
    const text = line.trim();
    if (!text) return;
    const replies = await config.dispatcher.handle({
      platform: "console",
      channelId,
      userId: config.userId,
      userName: config.userName,
      text,
      messageId: `console-${process.pid}-${Date.now()}-${++seq}`,
      isDirect: true,
      addressed: true,
      ...(config.forceLocale ? { locale: config.forceLocale } : {}),
    });
    for (const r of replies) write(`${formatReplyText(r, t)}\n`);
  }

  return {
    name: "console",
    done,
    async start() {
      rl = readline.createInterface({
        input: config.input,
        output: config.interactive ? config.output : undefined,
        terminal: config.interactive,
      });
      if (config.interactive) {
        rl.setPrompt("督办> ");
        rl.prompt();
      }
      rl.on("line", (line) => {
        queue = queue
          .then(() => handleLine(line))
          .catch((err) => write(String(err)))
          .then(() => {
            if (config.interactive) rl?.prompt();
          });
      });
      rl.on("close", () => {
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
