import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { commandCompleter, createConsoleAdapter, type ConsoleAdapterConfig } from "../../../src/adapters/console/console-adapter.ts";
import type { IncomingMessage } from "../../../src/core/context.ts";
import type { Dispatcher } from "../../../src/core/dispatcher.ts";
import { createRegistry } from "../../../src/core/registry.ts";
import { reply } from "../../../src/core/reply.ts";

/** A terminal as readline sees one: a TTY input in raw mode and a TTY output 80 columns wide. */
function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode(mode: boolean) { input.isRaw = mode; return input; } });
  let screen = "";
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters]) if (w.test()) (waiters.splice(waiters.indexOf(w), 1), w.resolve());
  };
  const output = Object.assign(new Writable({ write: (chunk, _e, cb) => ((screen += chunk), check(), cb()) }), { isTTY: true, columns: 80, rows: 24 });
  const received: string[] = [];
  const dispatcher: Dispatcher = {
    registry: createRegistry(commands),
    async handle(m: IncomingMessage) {
      received.push(m.text);
      check();
      return [reply([{ type: "text", text: `handled ${m.text}` }])];
    },
  };
  /** Resolves once the condition holds (checked on every write and every handled line; no timers). */
  const until = (test: () => boolean) => new Promise<void>((resolve) => (test() ? resolve() : waiters.push({ test, resolve })));
  return { input, output, dispatcher, received, until, screen: () => screen };
}

function startConsole(term: ReturnType<typeof fakeTerminal>, locale: "zh-CN" | "zh-TW" | "en" = "zh-CN", extra: Partial<ConsoleAdapterConfig> = {}) {
  let ended = 0;
  const adapter = createConsoleAdapter({
    ...extra,
    dispatcher: term.dispatcher,
    input: term.input,
    output: term.output,
    interactive: extra.interactive ?? true,
    userId: "me",
    userName: "me",
    locale,
    welcome: ["WELCOME LINE", "TRY LINE"],
    onEnd: () => void ended++,
  });
  return { adapter, ended: () => ended };
}

describe("the interactive console (a terminal)", () => {
  it("prints the welcome, then a localized prompt", async () => {
    for (const [locale, prompt] of [["zh-CN", "督办> "], ["zh-TW", "督辦> "], ["en", "duban> "]] as const) {
      const term = fakeTerminal();
      const { adapter } = startConsole(term, locale);
      await adapter.start();
      await term.until(() => term.screen().includes(prompt));
      expect(term.screen().indexOf("WELCOME LINE")).toBeLessThan(term.screen().indexOf(prompt));
      term.input.write("\x04");
      await adapter.done;
    }
  });

  it("Tab completes a command name; ↑ recalls the previous line", async () => {
    const term = fakeTerminal();
    const { adapter } = startConsole(term);
    await adapter.start();
    term.input.write("/his");
    term.input.write("\t");
    await term.until(() => term.screen().includes("/history"));
    term.input.write(" 7\r");
    await term.until(() => term.received.length === 1);
    expect(term.received).toEqual(["/history 7"]);
    term.input.write("\x1b[A\r");
    await term.until(() => term.received.length === 2);
    expect(term.received).toEqual(["/history 7", "/history 7"]);
    term.input.write("/quit\r");
    await adapter.done;
  });

  it("leaves on /quit, exit, 退出, Ctrl-D and Ctrl-C, after answering what came before", async () => {
    for (const way of ["/quit\r", "exit\r", "退出\r", "\x04", "\x03"]) {
      const term = fakeTerminal();
      const { adapter, ended } = startConsole(term);
      await adapter.start();
      term.input.write("/plans\r");
      await term.until(() => term.received.length === 1);
      term.input.write(way);
      await adapter.done;
      expect(ended(), JSON.stringify(way)).toBe(1);
      expect(term.received, JSON.stringify(way)).toEqual(["/plans"]);
      expect(term.screen()).toContain("handled /plans");
    }
  });

  it("keeps its history between sessions in a private file, at most 500 lines", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "duban-history-")), "data", "console-history");
    /** One session at a (fake) terminal or a pipe: types `line`, leaves with `end`; what reached the bot. */
    async function session(line: string, end: string, interactive = true): Promise<string[]> {
      const term = fakeTerminal();
      const { adapter } = startConsole(term, "zh-CN", { historyFile: file, interactive });
      await adapter.start();
      term.input.write(line);
      if (!interactive) term.input.end();
      await term.until(() => term.received.length === 1);
      if (interactive) term.input.write(end);
      await adapter.done;
      return term.received;
    }
    const mode = () => fs.statSync(file).mode & 0o777;
    const saved = () => fs.readFileSync(file, "utf8").trim().split("\n");

    await session("/task 7\r", "/quit\r");
    expect(mode()).toBe(0o600);
    // The next session: ↑ recalls what was typed in the last one (the quit word is not kept).
    expect(await session("\x1b[A\r", "/quit\r")).toEqual(["/task 7"]);

    // A long history is cut to the newest 500 lines (and the mode of an older, wider file tightened).
    fs.writeFileSync(file, Array.from({ length: 600 }, (_, i) => `/task ${i}`).join("\n"));
    fs.chmodSync(file, 0o644);
    await session("/plans\r", "\x04");
    expect(saved()).toHaveLength(500);
    expect([saved()[0], saved().at(-1)]).toEqual(["/task 101", "/plans"]);
    expect(mode()).toBe(0o600);

    // Piped input (a script) is never saved.
    const before = saved();
    expect(await session("/task 8\n", "", false)).toEqual(["/task 8"]);
    expect(saved()).toEqual(before);
  });

  it("completes command names and Chinese aliases after / or !", () => {
    const complete = commandCompleter(commands.flatMap((c) => [c.name, ...c.aliases]));
    expect(complete("/his")).toEqual([["/history"], "/his"]);
    expect(complete("!ta")[0]).toEqual(expect.arrayContaining(["!task", "!tasks", "!target"]));
    expect(complete("/任")[0]).toEqual(expect.arrayContaining(["/任务", "/任務", "/任务列表"]));
    expect(complete("/qu")[0]).toEqual(["/quit"]);
    expect(complete("/task 7")).toEqual([[], "/task 7"]);
  });
});
