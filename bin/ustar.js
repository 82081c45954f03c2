// A small ustar reader and writer, enough for a PostgreSQL data directory: directories and regular
// files, long names (ustar prefix, GNU "L" and pax "path" records). Anything else (links, devices)
// and any name that would land outside the target directory are refused. Plain JavaScript: used by
// bin/pglite-template.js, which runs without a loader.
import fs from "node:fs";
import path from "node:path";

const BLOCK = 512;
/** Header fields: [offset, length]. */
const F = { name: [0, 100], mode: [100, 8], uid: [108, 8], gid: [116, 8], size: [124, 12], mtime: [136, 12], sum: [148, 8], type: [156, 1], magic: [257, 6], version: [263, 2], prefix: [345, 155] };

const field = (h, [at, len]) => {
  const raw = h.subarray(at, at + len);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? len : end).toString("utf8");
};
const octal = (h, f) => {
  const text = field(h, f).trim();
  if (!/^[0-7]*$/.test(text)) throw new Error(`tar: bad number "${text}" in a header`);
  return text ? parseInt(text, 8) : 0;
};
const checksum = (h) => {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= F.sum[0] && i < F.sum[0] + F.sum[1] ? 0x20 : h[i];
  return sum;
};

/** The path parts of an entry's name inside the target directory; throws on "..". */
export function safeParts(name) {
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new Error(`tar: refusing "${name}": it points outside the target directory`);
  return parts;
}

function paxPath(data) {
  let found;
  for (let rest = data.toString("utf8"); rest.length > 0; ) {
    const space = rest.indexOf(" ");
    const len = parseInt(rest.slice(0, space), 10);
    if (!(len > 0)) throw new Error("tar: bad pax header");
    const record = rest.slice(space + 1, len - 1);
    if (record.startsWith("path=")) found = record.slice(5);
    rest = rest.slice(len);
  }
  return found;
}

/**
 * The entries of a tar image, checked: [{ name, parts, type: "file" | "dir", mode, data }].
 * `data` is a view into `buf`, not a copy.
 */
export function readTar(buf) {
  const entries = [];
  let longName;
  for (let at = 0; at + BLOCK <= buf.length; ) {
    const h = buf.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    if (octal(h, F.sum) !== checksum(h)) throw new Error(`tar: damaged header at byte ${at}`);
    const size = octal(h, F.size);
    const data = buf.subarray(at + BLOCK, at + BLOCK + size);
    if (data.length < size) throw new Error(`tar: truncated entry at byte ${at}`);
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const type = field(h, F.type) || "0";
    if (type === "L") {
      longName = data.toString("utf8").replace(/\0+$/, "");
      continue;
    }
    if (type === "x") {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === "g") continue;
    const prefix = field(h, F.magic).startsWith("ustar") ? field(h, F.prefix) : "";
    const name = longName ?? (prefix ? `${prefix}/${field(h, F.name)}` : field(h, F.name));
    longName = undefined;
    if (type !== "0" && type !== "5") throw new Error(`tar: refusing "${name}": only directories and regular files are allowed (type ${type})`);
    entries.push({ name, parts: safeParts(name), type: type === "5" ? "dir" : "file", mode: octal(h, F.mode) & 0o7777, data });
  }
  return entries;
}

/** Writes a tar image's directories and files under `dest`; nothing is written when any entry is refused. */
export function extractTar(buf, dest) {
  const entries = readTar(buf);
  fs.mkdirSync(dest, { recursive: true });
  for (const e of entries) {
    const target = path.join(dest, ...e.parts);
    if (e.type === "dir") {
      fs.mkdirSync(target, { recursive: true, mode: e.mode || 0o700 });
      continue;
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, e.data, { mode: e.mode || 0o600 });
  }
  return entries.length;
}

function header(name, type, mode, size, mtime) {
  const h = Buffer.alloc(BLOCK);
  const put = ([at, len], text) => {
    const bytes = Buffer.from(text, "utf8");
    if (bytes.length > len) throw new Error(`tar: "${text}" does not fit its header field`);
    bytes.copy(h, at);
  };
  const num = (f, n) => put(f, `${n.toString(8).padStart(f[1] - 1, "0")}\0`);
  let prefix = "";
  if (Buffer.byteLength(name) > F.name[1]) {
    const cut = name.lastIndexOf("/", F.prefix[1]);
    if (cut <= 0) throw new Error(`tar: name too long: ${name}`);
    [prefix, name] = [name.slice(0, cut), name.slice(cut + 1)];
  }
  put(F.name, name);
  put(F.prefix, prefix);
  num(F.mode, mode);
  num(F.uid, 0);
  num(F.gid, 0);
  num(F.size, size);
  num(F.mtime, mtime);
  put(F.type, type);
  put(F.magic, "ustar\0");
  put(F.version, "00");
  put(F.sum, `${checksum(h).toString(8).padStart(6, "0")}\0 `);
  return h;
}

/** A tar image of everything under `dir` (directories and regular files, in name order). */
export function writeTar(dir) {
  const chunks = [];
  const walk = (rel) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const entry = rel ? `${rel}/${name}` : name;
      const st = fs.statSync(path.join(dir, entry));
      const mtime = Math.floor(st.mtimeMs / 1000);
      if (st.isDirectory()) {
        chunks.push(header(`${entry}/`, "5", st.mode & 0o7777, 0, mtime));
        walk(entry);
      } else if (st.isFile()) {
        const data = fs.readFileSync(path.join(dir, entry));
        chunks.push(header(entry, "0", st.mode & 0o7777, data.length, mtime), data, Buffer.alloc((BLOCK - (data.length % BLOCK)) % BLOCK));
      } else {
        throw new Error(`tar: ${entry} is neither a directory nor a regular file`);
      }
    }
  };
  walk("");
  chunks.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(chunks);
}
