#!/usr/bin/env node
// Makes (once) the empty PGlite data directory that every new embedded store starts from, and
// prints its path. PGlite's initdb is the single most expensive step of a first start (several
// seconds and about 550-750 MiB resident): it runs here, in a short-lived process of its own, so
// neither the bot nor a test worker ever pays it. Run by `npm install` (postinstall) and, when the
// template is missing, by the store itself. Plain JavaScript: it must run without any loader.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { applyWasmFlags } from "./wasm-engine.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Must match the options the store opens PGlite with (src/store/database.ts). */
const OPTIONS = { postgresqlconf: ["shared_buffers = 16MB"] };

function pgliteVersion() {
  const file = path.join(ROOT, "node_modules/@electric-sql/pglite/package.json");
  return JSON.parse(fs.readFileSync(file, "utf8")).version;
}

/** One template per PGlite version (its on-disk format) and options. */
function templateName() {
  const version = pgliteVersion();
  const hash = crypto.createHash("sha256").update(JSON.stringify({ OPTIONS, layout: 2 })).digest("hex").slice(0, 8);
  return `pglite-${version}-${hash}`;
}

function candidateDirs(name) {
  const dirs = [];
  if (process.env.DUBAN_CACHE_DIR) dirs.push(path.join(process.env.DUBAN_CACHE_DIR, name));
  dirs.push(path.join(ROOT, "node_modules/.cache/duban", name));
  dirs.push(path.join(os.tmpdir(), `duban-cache-${os.userInfo().uid}`, name));
  return dirs;
}

const READY = "duban-template-ready";
const IMAGE = "duban-template.tar";

async function build(dir) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(tmp, OPTIONS);
  await db.query("select 1");
  // The same directory as a tar image, for throw-away stores that live in memory (tests).
  const image = await db.dumpDataDir("none");
  fs.writeFileSync(path.join(tmp, IMAGE), Buffer.from(await image.arrayBuffer()));
  await db.close();
  fs.writeFileSync(path.join(tmp, READY), `${new Date().toISOString()}\n`);
  try {
    fs.renameSync(tmp, dir);
  } catch (err) {
    // Another process made it first: keep theirs.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, READY))) throw err;
  }
}

export async function ensureTemplate() {
  const name = templateName();
  let lastError;
  for (const dir of candidateDirs(name)) {
    if (fs.existsSync(path.join(dir, READY))) return dir;
    try {
      await build(dir);
      return dir;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  applyWasmFlags();
  const quiet = process.argv.includes("--install");
  try {
    process.stdout.write(`${await ensureTemplate()}\n`);
  } catch (err) {
    // At install a failure only costs speed later (the store makes the template when needed).
    process.stderr.write(`duban: could not prepare the embedded database template: ${err.message}\n`);
    process.exitCode = quiet ? 0 : 1;
  }
}
