import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import type { Dispatcher } from "../../src/core/dispatcher.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { testDispatcher, testServices, type LogLine } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/** Random command lines: real command words and aliases followed by junk, numbers, CJK, mentions. */
const words = commands.flatMap((c) => [c.name, ...c.aliases]);
const junk = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom("7", "七", "99", "-1", "0", "1e9", "done", "完成", "受阻", "60%", "target", "page 2", "<@U1>", "@x", "“引号", "\u0000", "😀", "　"),
);
const line = fc.tuple(fc.constantFrom("/", "!", "！", "／", "、", ""), fc.constantFrom(...words), fc.array(junk, { maxLength: 4 })).map(([p, w, rest]) => `${p}${w} ${rest.join(" ")}`);

describe("dispatcher under arbitrary input", () => {
  let t: TestDatabase;
  let dispatcher: Dispatcher;
  let logLines: LogLine[];
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const { planId } = await savePlan(t.db.prisma, samplePlan(), { name: "s", hash: "h" });
    const built = testServices(t.db);
    logLines = built.logLines;
    await built.services.store.updateChannel("console", "fuzz", { planId });
    dispatcher = testDispatcher(built.services);
  });
  afterAll(async () => t?.cleanup());

  it("never throws, never hits an internal error, and a refused input writes nothing", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(line, fc.string({ maxLength: 60 })), async (text) => {
        const before = await t.db.prisma.progressUpdate.count();
        // Bob is mapped to no unit and the channel is not open: every update attempt must be refused.
        const replies = await dispatcher.handle({ platform: "console", channelId: "fuzz", userId: "bob", userName: "Bob", text, messageId: `f${n++}` });
        expect(Array.isArray(replies)).toBe(true);
        expect(await t.db.prisma.progressUpdate.count()).toBe(before);
      }),
      { numRuns: 250 },
    );
    expect(logLines.filter((l) => l.level === "error")).toEqual([]);
  });
});
