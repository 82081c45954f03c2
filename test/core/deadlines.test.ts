import { describe, expect, it } from "vitest";
import { nextDeadlineDate, yearlyMonthDay } from "../../src/core/deadlines.ts";

const yearly = (text: string) => ({ text, date: null, recurrence: "yearly" });

describe("deadlines", () => {
  it.each([
    ["每年12月15日前", { month: 12, day: 15 }],
    ["每年十二月十五日前报送", { month: 12, day: 15 }],
    ["每年6月底前", { month: 6, day: "end" }],
    ["每年年底前", { month: 12, day: "end" }],
    ["每年3月", { month: 3, day: "end" }],
    ["每年12月15號前", { month: 12, day: 15 }],
  ])("reads %s", (text, expected) => {
    expect(yearlyMonthDay(text)).toEqual(expected);
  });

  it("a yearly deadline falls this year until it passes, then next year", () => {
    expect(nextDeadlineDate(yearly("每年12月15日前"), "2026-11-21")).toBe("2026-12-15");
    expect(nextDeadlineDate(yearly("每年12月15日前"), "2026-12-16")).toBe("2027-12-15");
    expect(nextDeadlineDate(yearly("每年2月底前"), "2028-01-10")).toBe("2028-02-29");
  });

  it("dated deadlines keep their date; unreadable ones have none", () => {
    expect(nextDeadlineDate({ text: "2026年底前", date: "2026-12-31", recurrence: null }, "2026-11-21")).toBe("2026-12-31");
    expect(nextDeadlineDate(yearly("每年定期报送"), "2026-11-21")).toBeNull();
    expect(nextDeadlineDate({ text: "尽快", date: null, recurrence: null }, "2026-11-21")).toBeNull();
  });
});
