import { describe, expect, it } from "vitest";
import { parseMentions } from "../../src/core/mentions.ts";
import { findPlatform } from "../../src/adapters/registry.ts";

/** Each platform's mention syntax comes from its adapter, through the registry. */
const syntaxOf = (platform: string) => findPlatform(platform)!.mentions;

describe("parseMentions", () => {
  it("reads Slack mentions with and without the name, and leaves the unit text", () => {
    const out = parseMentions(syntaxOf("slack"), "市公安局 <@U012ABC|张三> <@W0XYZ99>  <@U012ABC>");
    expect(out.mentions).toEqual([
      { userId: "U012ABC", displayName: "张三" },
      { userId: "W0XYZ99", displayName: null },
    ]);
    expect(out.rest).toBe("市公安局");
    expect(out.unresolved).toEqual([]);
  });

  it("decodes Slack's escaped characters in names", () => {
    expect(parseMentions(syntaxOf("slack"), "<@U1|R&amp;D 李四>").mentions).toEqual([{ userId: "U1", displayName: "R&D 李四" }]);
  });

  it("reads Discord user mentions in both forms and refuses role mentions", () => {
    const out = parseMentions(syntaxOf("discord"), "<@123456789012345678><@!876543210987654321> 市中级法院 <@&555555555>");
    expect(out.mentions.map((m) => m.userId)).toEqual(["123456789012345678", "876543210987654321"]);
    expect(out.mentions.every((m) => m.displayName === null)).toBe(true);
    expect(out.rest).toBe("市中级法院");
    expect(out.unresolved).toEqual(["<@&555555555>"]);
  });

  it("on the console, @name is the user id; list separators and full-width @ work", () => {
    const out = parseMentions(syntaxOf("console"), "市科技创新委 @bob、@carol，＠dave。 @bob");
    expect(out.mentions).toEqual([
      { userId: "bob", displayName: "bob" },
      { userId: "carol", displayName: "carol" },
      { userId: "dave", displayName: "dave" },
    ]);
    expect(out.rest).toBe("市科技创新委");
  });

  it("an e-mail address is not a mention", () => {
    const out = parseMentions(syntaxOf("console"), "ip@example.org");
    expect(out.mentions).toEqual([]);
    expect(out.rest).toBe("ip@example.org");
  });

  it("typed @names on Slack or Discord are reported as unresolved, not guessed", () => {
    const slack = parseMentions(syntaxOf("slack"), "市公安局 @王五 <@U9|赵六>");
    expect(slack.mentions).toEqual([{ userId: "U9", displayName: "赵六" }]);
    expect(slack.unresolved).toEqual(["@王五"]);
    expect(slack.rest).toBe("市公安局");
    expect(parseMentions(syntaxOf("discord"), "@someone").unresolved).toEqual(["@someone"]);
  });

  it("text without mentions comes back unchanged apart from spacing", () => {
    expect(parseMentions(syntaxOf("slack"), "  市市场监管局   ")).toEqual({ mentions: [], rest: "市市场监管局", unresolved: [] });
  });
});
