import { describe, expect, it } from "vitest";
import { parseCommandLine, splitArgs } from "../../src/core/input.ts";

const known = new Set(["task", "任务", "t", "help", "plan"]);
const knownWord = (w: string) => (known.has(w) ? w : null);

describe("parseCommandLine", () => {
  it.each([
    ["/task 7", "task", "7"],
    ["!task 7", "task", "7"],
    ["！task 7", "task", "7"],
    ["／ｔａｓｋ　７", "task", "7"],
    ["  /TASK   7  ", "task", "7"],
    ["/任务七", "任务", "七"],
    ["/task7", "task", "7"],
    ["、任务 7", "任务", "7"],
    ["/plan use 蚌埠", "plan", "use 蚌埠"],
  ])("%s → %s %s", (text, word, rest) => {
    expect(parseCommandLine(text, knownWord)).toEqual({ word, rest });
  });

  it("keeps an unknown word whole so the user gets a suggestion, not a wrong command", () => {
    expect(parseCommandLine("/tsak 3", knownWord)).toEqual({ word: "tsak", rest: "3" });
  });

  it("treats ordinary chat, and 、 before an unknown word, as not a command", () => {
    expect(parseCommandLine("任务7完成了", knownWord)).toBeNull();
    expect(parseCommandLine("、然后我们再说", knownWord)).toBeNull();
    expect(parseCommandLine("", knownWord)).toBeNull();
  });
});

describe("splitArgs", () => {
  it("keeps quoted phrases together", () => {
    expect(splitArgs(`use "深圳 方案" 「蚌埠 市」 x`)).toEqual(["use", "深圳 方案", "蚌埠 市", "x"]);
  });
});
