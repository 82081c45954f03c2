import { describe, expect, it } from "vitest";
import { taskNumberArg } from "../../src/core/args.ts";

describe("taskNumberArg", () => {
  it.each([
    ["7", "7"],
    ["七", "7"],
    ["十四", "14"],
    ["二十六", "26"],
    ["（十四）", "14"],
    ["#7", "7"],
    ["第7项", "7"],
    ["第七項", "7"],
    ["7号", "7"],
    ["１４", "14"],
  ])("%s → %s", (input, expected) => {
    expect(taskNumberArg.parse(input)).toBe(expected);
  });

  it.each(["", "abc", "0", "七a", "-3"])("rejects %j", (input) => {
    expect(taskNumberArg.safeParse(input).success).toBe(false);
  });
});
