import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTargetStatus, STATUS_ORDER, type TargetFacts } from "../../../src/core/targets/status.ts";

const value = fc.double({ min: -1e10, max: 1e10, noNaN: true, noDefaultInfinity: true });
const year = fc.integer({ min: 2015, max: 2030 });
const zones = fc.constantFrom("Asia/Shanghai", "UTC", "America/Los_Angeles", "Pacific/Kiritimati", "Not/AZone");
const when = fc.date({ min: new Date("2013-01-01T00:00:00Z"), max: new Date("2033-12-31T00:00:00Z"), noInvalidDate: true });

function facts(comparators: readonly string[]) {
  return fc.record({
    comparator: fc.constantFrom(...comparators),
    kind: fc.constantFrom("level", "growth", "reduction", "share"),
    baseline: fc.option(fc.record({ year, value })),
    milestones: fc.array(fc.record({ year, value, valueMax: fc.option(value) }), { maxLength: 4 }),
  });
}

const rank = (t: Omit<TargetFacts, "latest">, latest: number, now: Date, tz: string) => {
  const status = computeTargetStatus({ ...t, latest: { value: latest, at: now, member: null, updateId: 1 } }, now, tz).status;
  return status === "no_data" ? -1 : STATUS_ORDER.indexOf(status);
};

describe("computeTargetStatus properties", () => {
  it("a higher latest value never makes a higher-is-better target's status worse", () => {
    fc.assert(
      fc.property(facts([">=", ">", "="]), value, value, when, zones, (t, a, b, now, tz) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(rank(t, high, now, tz)).toBeGreaterThanOrEqual(rank(t, low, now, tz));
      }),
      { numRuns: 400 },
    );
  });

  it("a lower latest value never makes a lower-is-better target's status worse", () => {
    fc.assert(
      fc.property(facts(["<="]), value, value, when, zones, (t, a, b, now, tz) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(rank(t, low, now, tz)).toBeGreaterThanOrEqual(rank(t, high, now, tz));
      }),
      { numRuns: 400 },
    );
  });

  it("never throws, whatever it is given", () => {
    const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308));
    const anything = fc.record({
      comparator: fc.oneof(fc.constantFrom(">=", "<=", ">", "<", "="), fc.string()),
      kind: fc.oneof(fc.constantFrom("level", "growth", "reduction", "share"), fc.string()),
      baseline: fc.option(fc.record({ year: anyNumber, value: anyNumber })),
      milestones: fc.array(fc.record({ year: anyNumber, value: anyNumber, valueMax: fc.option(anyNumber) }), { maxLength: 5 }),
      latest: fc.option(fc.record({ value: anyNumber, at: fc.date(), member: fc.constant(null), updateId: fc.nat() })),
    });
    fc.assert(
      fc.property(anything, fc.date(), fc.oneof(zones, fc.string()), (t, now, tz) => {
        const result = computeTargetStatus(t, now, tz);
        expect(["achieved", "on_track", "behind", "at_risk", "no_data"]).toContain(result.status);
        if (t.latest === null) expect(result.status).toBe("no_data");
      }),
      { numRuns: 400 },
    );
  });
});
