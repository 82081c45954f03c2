import { describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.ts";
import { buildCommandPayloads, localizedNames } from "../../../src/adapters/discord/register.ts";

describe("Discord command names for Chinese clients", () => {
  it("come from the command's own aliases, Simplified for zh-CN and Traditional for zh-TW", () => {
    expect(localizedNames({ aliases: ["任务", "任務", "t"] })).toEqual({ "zh-CN": "任务", "zh-TW": "任務" });
    expect(localizedNames({ aliases: ["历史", "歷史", "记录"] })).toEqual({ "zh-CN": "历史", "zh-TW": "歷史" });
    expect(localizedNames({ aliases: ["更新", "u"] })).toEqual({ "zh-CN": "更新", "zh-TW": "更新" });
    expect(localizedNames({ aliases: ["t"] })).toBeUndefined();
  });

  it("every registered command has them, and no two commands share one in a locale", () => {
    const payloads = buildCommandPayloads(commands, "zh-CN").filter((p) => p.name !== "duban");
    expect(payloads.map((p) => p.name)).toContain("task");
    for (const locale of ["zh-CN", "zh-TW"] as const) {
      const names = payloads.map((p) => p.name_localizations?.[locale]);
      expect(names.every(Boolean), locale).toBe(true);
      expect(new Set(names).size, locale).toBe(names.length);
    }
    expect(payloads.find((p) => p.name === "task")?.name_localizations).toEqual({ "zh-CN": "任务", "zh-TW": "任務" });
  });
});
