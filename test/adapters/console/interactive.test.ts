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
    const first = fakeTerminal();
    const one = startConsole(first, "zh-CN", { historyFile: file });
    await one.adapter.start();
    first.input.write("/task 7\r");
    await first.until(() => first.received.length === 1);
    first.input.write("/quit\r");
    await one.adapter.done;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // The next session: ↑ recalls what was typed in the last one (the quit word is not kept).
    const second = fakeTerminal();
    const two = startConsole(second, "zh-CN", { historyFile: file });
    await two.adapter.start();
    second.input.write("\x1b[A\r");
    await second.until(() => second.received.length === 1);
    expect(second.received).toEqual(["/task 7"]);
    second.input.write("/quit\r");
    await two.adapter.done;

    // A long history is cut to the newest 500 lines (and the mode of an older, wider file tightened).
    fs.writeFileSync(file, Array.from({ length: 600 }, (_, i) => `/task ${i}`).join("\n"), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    const third = fakeTerminal();
    const three = startConsole(third, "zh-CN", { historyFile: file });
    await three.adapter.start();
    third.input.write("/plans\r");
    await third.until(() => third.received.length === 1);
    third.input.write("\x04");
    await three.adapter.done;
    const lines = fs.readFileSync(file, "utf8").trim().split("\n");
    expect(lines).toHaveLength(500);
    expect(lines.at(-1)).toBe("/plans");
    expect(lines[0]).toBe("/task 101");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // Piped input (a script) is never saved.
    const piped = fakeTerminal();
    const four = startConsole(piped, "zh-CN", { historyFile: file, interactive: false });
    await four.adapter.start();
    piped.input.end("/task 8\n");
    await four.adapter.done;
    expect(piped.received).toEqual(["/task 8"]);
    expect(fs.readFileSync(file, "utf8").trim().split("\n")).toEqual(lines);
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
