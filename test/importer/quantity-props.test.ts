import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseComparator, parseQuantity } from "../../src/importer/quantity.ts";

const DIGITS = "零一二三四五六七八九";

/** Writes 1 ≤ n < 10^8 in Chinese numerals (`10005` → 一万零五). */
function chinese(n: number): string {
  const section = (v: number): string => {
    let out = "";
    let zero = false;
    [1000, 100, 10, 1].forEach((place, i) => {
      const d = Math.floor(v / place) % 10;
      if (d === 0) {
        zero = out !== "";
        return;
      }
      if (zero) out += "零";
      zero = false;
      out += DIGITS[d]! + ["千", "百", "十", ""][i]!;
    });
    return out;
  };
  const high = Math.floor(n / 1e4);
  const low = n % 1e4;
  if (high === 0) return section(low);
  return section(high) + "万" + (low > 0 && low < 1000 ? "零" : "") + section(low);
}

const fullWidth = (s: string) => s.replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
const decimal = fc
  .tuple(fc.integer({ min: 0, max: 999_999 }), fc.option(fc.integer({ min: 0, max: 9999 }), { nil: undefined }))
  .map(([i, f]) => (f === undefined ? String(i) : `${i}.${String(f).padStart(4, "0").replace(/0+$/, "") || "0"}`));

describe("parseQuantity properties", () => {
  it("never throws, and returns finite numbers or null", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ unit: fc.constantFrom(..."0123456789.万亿千百十件元个家%—-~至一二三两五零约余多年月") })), (text) => {
        const q = parseQuantity(text);
        if (q !== null) {
          expect(Number.isFinite(q.value)).toBe(true);
          if (q.valueMax !== undefined) expect(q.valueMax).toBeGreaterThan(q.value);
        }
      }),
    );
  });

  it("scales 万 and 亿 exactly to floating precision", () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom(["万件", 1e4, "件"], ["亿元", 1e8, "元"], ["千万元", 1e7, "元"], ["万人", 1e4, "人"]), (n, [suffix, factor, unit]) => {
        const q = parseQuantity(`${n}${suffix}`);
        expect(q?.unit).toBe(unit);
        expect(close(q!.value, Number(n) * factor)).toBe(true);
      }),
    );
  });

  it("reads doubles written by JavaScript with 万", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 1e9, noNaN: true, noDefaultInfinity: true }), (n) => {
        fc.pre(!String(n).includes("e"));
        expect(close(parseQuantity(`${n}万件`)!.value, n * 1e4)).toBe(true);
      }),
    );
  });

  it("reads full-width digits like ASCII ones", () => {
    fc.assert(
      fc.property(decimal, fc.constantFrom("件", "万件", "亿元", "%", "家"), (n, unit) => {
        expect(parseQuantity(fullWidth(n) + unit)).toEqual(parseQuantity(n + unit));
      }),
    );
  });

  it("reads Chinese numerals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.constantFrom("家", "件", "项", "个"), (n, unit) => {
        expect(parseQuantity(chinese(n) + unit)).toEqual({ value: n, unit });
      }),
    );
  });

  it("reads ranges with the low end as value", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 10_000 }), fc.constantFrom("—", "-", "~", "至", "——"), (a, d, sep) => {
        expect(parseQuantity(`${a}${sep}${a + d}个`)).toEqual({ value: a, valueMax: a + d, unit: "个" });
      }),
    );
  });
});

describe("parseComparator properties", () => {
  const neutral = fc.string({ unit: fc.constantFrom(..."知识产权专利商标企业有效注册拥有量质押融资金额服务机构数，、") });
  const cases: [string, string][] = [
    ["达到", ">="],
    ["不少于", ">="],
    ["不低于", ">="],
    ["突破", ">="],
    ["超过", ">"],
    ["不超过", "<="],
  ];

  it("never throws", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        const c = parseComparator(text);
        expect(c === null || [">=", "<=", ">", "="].includes(c)).toBe(true);
      }),
    );
  });

  it("finds the comparator word whatever surrounds it", () => {
    fc.assert(
      fc.property(neutral, fc.constantFrom(...cases), fc.integer({ min: 1, max: 1e6 }), (before, [word, expected], n) => {
        expect(parseComparator(`${before}${word}${n}件`)).toBe(expected);
      }),
    );
  });

  it("lets 以上 and 以内 after the number decide", () => {
    fc.assert(
      fc.property(neutral, fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(["以上", ">="], ["以内", "<="]), (before, n, [after, expected]) => {
        expect(parseComparator(`${before}达到${n}件${after}`)).toBe(expected);
      }),
    );
  });
});
