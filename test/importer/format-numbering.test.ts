import { describe, expect, it } from "vitest";
import { formatNumber, Numbering } from "../../src/importer/formats/numbering.ts";
import { parseXml } from "../../src/importer/formats/xml.ts";

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const lvl = (ilvl: number, fmt: string, text: string, extra = ""): string =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/>${extra}<w:lvlText w:val="${text}"/></w:lvl>`;

function numbering(abstracts: string, nums: string): Numbering {
  return new Numbering(parseXml(`<w:numbering ${W}>${abstracts}${nums}</w:numbering>`));
}

describe("Word automatic numbering as displayed", () => {
  it("renders the Chinese and other number formats Word offers", () => {
    expect([1, 9, 10, 11, 20, 21, 99, 100, 105].map((n) => formatNumber(n, "chineseCounting"))).toEqual(
      ["一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百〇五"],
    );
    expect(formatNumber(14, "chineseCountingThousand")).toBe("十四");
    expect(formatNumber(3, "ideographTraditional")).toBe("丙");
    expect(formatNumber(12, "chineseLegalSimplified")).toBe("壹拾贰");
    expect(formatNumber(3, "decimalEnclosedCircle")).toBe("③");
    expect(formatNumber(4, "upperRoman")).toBe("IV");
    expect(formatNumber(28, "lowerLetter")).toBe("bb");
    expect(formatNumber(7, "decimalFullWidth")).toBe("７");
  });

  it("keeps counters per list level, restarts deeper levels after a higher one", () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, "chineseCounting", "%1、")}${lvl(1, "chineseCounting", "（%2）")}${lvl(2, "decimal", "%3.")}</w:abstractNum>`,
      `<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>`,
    );
    const seq: [number, string | null][] = [];
    for (const l of [0, 1, 2, 2, 1, 2, 0, 1]) seq.push([l, n.next("5", l)]);
    expect(seq.map(([, s]) => s)).toEqual(["一、", "（一）", "1.", "2.", "（二）", "1.", "二、", "（一）"]);
  });

  it("honours lvlRestart 0 (numbers run through the plan), startOverride and multi-level text", () => {
    const n = numbering(
      `<w:abstractNum w:abstractNumId="0">${lvl(0, "chineseCounting", "（%1）")}${lvl(1, "decimal", "%2.", '<w:lvlRestart w:val="0"/>')}</w:abstractNum>` +
        `<w:abstractNum w:abstractNumId="1">${lvl(0, "decimal", "%1.")}${lvl(1, "decimal", "%1.%2")}</w:abstractNum>`,
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
        `<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>`,
    );
    expect([n.next("1", 0), n.next("1", 1), n.next("1", 1), n.next("1", 0), n.next("1", 1)]).toEqual(["（一）", "1.", "2.", "（二）", "3."]);
    expect([n.next("2", 0), n.next("2", 1), n.next("2", 1)]).toEqual(["1.", "1.1", "1.2"]);
    expect([n.next("3", 0), n.next("3", 1)]).toEqual(["4.", "4.1"]);
  });

  it("shows no label for bullets or an unknown list", () => {
    const n = numbering(`<w:abstractNum w:abstractNumId="0">${lvl(0, "bullet", "•")}</w:abstractNum>`, `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`);
    expect(n.next("1", 0)).toBeNull();
    expect(n.next("9", 0)).toBeNull();
  });
});
