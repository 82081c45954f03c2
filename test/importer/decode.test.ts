import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { decodeDocument, parsePlanDocument } from "../../src/importer/index.ts";
import { ImportError } from "../../src/importer/types.ts";

const PLAN = "蚌埠市知识产权工作方案（2024—2026年）\n一、重点任务\n1.强化知识产权保护。加强行政执法。（市市场监管局牵头，市公安局配合）\n";

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
  throw new Error("expected an ImportError");
}

describe("decodeDocument", () => {
  it("reads UTF-8 with and without BOM", () => {
    expect(decodeDocument(Buffer.from(PLAN, "utf8"))).toBe(PLAN);
    expect(decodeDocument(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAN, "utf8")]))).toBe(PLAN);
  });

  it("reads UTF-16 with a BOM and without one", () => {
    expect(decodeDocument(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(PLAN, "utf16le")]))).toBe(PLAN);
    expect(decodeDocument(Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(PLAN, "utf16be")]))).toBe(PLAN);
    expect(decodeDocument(iconv.encode(PLAN, "utf16le"))).toBe(PLAN);
  });

  it("reads GB18030/GBK and Big5", () => {
    expect(decodeDocument(iconv.encode(PLAN, "gb18030"))).toBe(PLAN);
    expect(decodeDocument(iconv.encode(PLAN, "gbk"))).toBe(PLAN);
    const traditional = "國家知識產權局辦公室關於印發工作計畫的通知\n一、工作任務\n（一）提升專利質量。（市知識產權局負責）\n";
    expect(decodeDocument(iconv.encode(traditional, "big5"))).toBe(traditional);
  });

  it("refuses binary files, naming known formats", () => {
    expect(importError(() => decodeDocument(Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj", "latin1"))).message).toMatch(/PDF/);
    expect(importError(() => decodeDocument(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).message).toMatch(/docx/);
    expect(importError(() => decodeDocument(Buffer.from([0x41, 0x00, 0x42, 0x01, 0x02, 0x00, 0x7f]))).code).toBe("binary");
  });

  it("refuses bytes that are neither UTF-8 nor a Chinese encoding", () => {
    const junk = Buffer.from(Array.from({ length: 64 }, (_, i) => (i % 2 ? 0xff : 0x80)));
    expect(importError(() => decodeDocument(junk)).code).toBe("undecodable");
  });
});

describe("parsePlanDocument on bad input", () => {
  it("reports an empty file", () => {
    expect(importError(() => parsePlanDocument(Buffer.alloc(0))).code).toBe("empty");
    expect(importError(() => parsePlanDocument(" \n\u3000\r\n")).code).toBe("empty");
  });

  it("reports binary text", () => {
    expect(importError(() => parsePlanDocument("abc\u0000def")).code).toBe("binary");
  });

  it("reports a document without tasks", () => {
    const text = "某市知识产权工作方案\n一、总体要求\n（一）指导思想。坚持创新驱动。\n（二）主要目标。到2025年专利数量增长。\n";
    expect(importError(() => parsePlanDocument(text)).code).toBe("no_tasks");
    expect(importError(() => parsePlanDocument("首页 > 新闻\n阅读:12\n{{ v.title }}\n")).code).toBe("no_tasks");
  });

  it("imports GB18030 bytes like the same text in UTF-8", () => {
    const fromGb = parsePlanDocument(iconv.encode(PLAN, "gb18030"));
    expect(fromGb).toEqual(parsePlanDocument(Buffer.from(PLAN, "utf8")));
    expect(fromGb.plans[0]!.tasks[0]!.units).toEqual([
      { name: "市市场监管局", role: "lead" },
      { name: "市公安局", role: "support" },
    ]);
  });

  it("imports every seed saved as GB18030 exactly like the UTF-8 original", () => {
    const dir = path.resolve(import.meta.dirname, "../../seeds");
    for (const name of readdirSync(dir).filter((f) => f.endsWith(".txt"))) {
      const utf8 = readFileSync(path.join(dir, name));
      const gb = iconv.encode(utf8.toString("utf8"), "gb18030");
      expect(parsePlanDocument(gb), name).toEqual(parsePlanDocument(utf8));
    }
  });
});
