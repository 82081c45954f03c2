import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { extractTar, readTar, writeTar } from "../../bin/ustar.js";

/** The tar reader that unpacks the shipped empty data directory (bin/ustar.js). */
describe("ustar reader and writer", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "duban-ustar-"));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  let n = 0;
  const fresh = () => path.join(root, `d${n++}`);

  /** A one-file tar whose single header is rewritten (name and/or type), checksum recomputed. */
  function oneEntry(name: string, type = "0", data = "x"): Buffer {
    const dir = fresh();
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "f"), data);
    const tar = writeTar(dir);
    rewrite(tar, 0, name, type);
    return tar;
  }
  function rewrite(tar: Buffer, at: number, name: string, type: string): void {
    tar.fill(0, at, at + 100);
    tar.write(name, at);
    tar.write(type, at + 156);
    tar.fill(0x20, at + 148, at + 156);
    let sum = 0;
    for (let i = at; i < at + 512; i++) sum += tar[i]!;
    tar.write(`${sum.toString(8).padStart(6, "0")}\0 `, at + 148);
  }
  const listing = (dir: string): string[] =>
    fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).map((p) => p.split(path.sep).join("/")).sort();

  it("a directory tree comes back the same: nested directories, empty and binary files, names over 100 bytes", () => {
    const src = fresh();
    const long = `${"a".repeat(60)}/${"b".repeat(60)}/${"c".repeat(40)}`;
    fs.mkdirSync(path.join(src, long), { recursive: true });
    fs.mkdirSync(path.join(src, "base/1"), { recursive: true });
    fs.writeFileSync(path.join(src, long, "file"), "deep");
    fs.writeFileSync(path.join(src, "base/1/1259"), Buffer.from(Array.from({ length: 9000 }, (_, i) => i % 256)));
    fs.writeFileSync(path.join(src, "PG_VERSION"), "18\n");
    fs.writeFileSync(path.join(src, "empty"), "");
    const dest = fresh();
    expect(extractTar(writeTar(src), dest)).toBe(listing(src).length);
    expect(listing(dest)).toEqual(listing(src));
    for (const f of [`${long}/file`, "base/1/1259", "PG_VERSION", "empty"]) expect(fs.readFileSync(path.join(dest, f))).toEqual(fs.readFileSync(path.join(src, f)));
  });

  it("names written from the root, as PGlite's own dumps write them, land inside the target", () => {
    const dest = fresh();
    extractTar(oneEntry("/PG_VERSION", "0", "18\n"), dest);
    expect(fs.readFileSync(path.join(dest, "PG_VERSION"), "utf8")).toBe("18\n");
  });

  it.each(["../evil", "base/../../evil", "/../evil"])("refuses %s and writes nothing", (name) => {
    const dest = fresh();
    expect(() => extractTar(oneEntry(name), dest)).toThrow(/points outside the target directory/);
    expect(fs.existsSync(dest)).toBe(false);
    expect(fs.existsSync(path.join(root, "evil"))).toBe(false);
  });

  it("refuses links and anything else that is not a directory or a regular file", () => {
    expect(() => readTar(oneEntry("link", "2"))).toThrow(/only directories and regular files/);
    expect(() => readTar(oneEntry("hard", "1"))).toThrow(/only directories and regular files/);
  });

  it("reads a GNU long-name record as the next entry's name", () => {
    const dir = fresh();
    fs.mkdirSync(dir);
    const long = `deep/${"n".repeat(140)}`;
    fs.writeFileSync(path.join(dir, "a"), long);
    fs.writeFileSync(path.join(dir, "b"), "content");
    const tar = writeTar(dir);
    rewrite(tar, 0, "././@LongLink", "L");
    const entries = readTar(tar);
    expect(entries.map((e) => [e.name, e.data.toString()])).toEqual([[long, "content"]]);
  });

  it("a damaged header is refused", () => {
    const tar = oneEntry("PG_VERSION");
    tar[10] = 0x41;
    expect(() => readTar(tar)).toThrow(/damaged header/);
  });
});
