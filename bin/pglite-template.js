#!/usr/bin/env node
// Prepares (once) the empty PGlite data directory that every new embedded store starts from, and
// prints its path. The empty data directory ships in the repository as a brotli-compressed tar
// (templates/pglite/, made by `node bin/pglite-template.js --ship`): unpacking it takes about a
// tenth of a second and little memory. Only when the installed PGlite or the store's options do
// not match it does this run PGlite's initdb instead (several seconds, about 700 MiB resident),
// saying why on stderr. Run by `npm install` (postinstall) and, when the template is missing, by
// the store itself, in a short-lived process of its own. Plain JavaScript: it runs without a loader.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { extractTar, writeTar } from "./ustar.js";
import { applyWasmFlags } from "./wasm-engine.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Must match the options the store opens PGlite with (src/store/database.ts). */
const OPTIONS = { postgresqlconf: ["shared_buffers = 16MB"] };
export const SHIPPED = { tar: path.join(ROOT, "templates/pglite/empty.tar.br"), manifest: path.join(ROOT, "templates/pglite/empty.json") };
const REGENERATE = "regenerate it with `node bin/pglite-template.js --ship`";

export function pgliteVersion() {
  const file = path.join(ROOT, "node_modules/@electric-sql/pglite/package.json");
  return JSON.parse(fs.readFileSync(file, "utf8")).version;
}

/** The hash of the options (and cache layout) that names the template. */
export function optionsHash() {
  return crypto.createHash("sha256").update(JSON.stringify({ OPTIONS, layout: 2 })).digest("hex").slice(0, 8);
}

/** One template per PGlite version (its on-disk format) and options. */
function templateName() {
  return `pglite-${pgliteVersion()}-${optionsHash()}`;
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

/**
 * The shipped empty data directory as a tar image when it fits the installed PGlite and options:
 * { tar }, or { reason } saying why it cannot be used.
 */
export function shippedTemplate(installed = { pglite: pgliteVersion(), optionsHash: optionsHash() }, files = SHIPPED) {
  if (!fs.existsSync(files.manifest) || !fs.existsSync(files.tar)) return { reason: `no shipped template in ${path.relative(ROOT, path.dirname(files.tar))}` };
  let manifest;
  let tar;
  try {
    manifest = JSON.parse(fs.readFileSync(files.manifest, "utf8"));
    if (manifest.pglite !== installed.pglite) return { reason: `the shipped template is for PGlite ${manifest.pglite}, the installed one is ${installed.pglite}` };
    if (manifest.optionsHash !== installed.optionsHash) return { reason: `the shipped template was made with other PGlite options (${manifest.optionsHash}, now ${installed.optionsHash})` };
    tar = zlib.brotliDecompressSync(fs.readFileSync(files.tar));
  } catch (err) {
    return { reason: `the shipped template cannot be read (${err.message})` };
  }
  const sha = crypto.createHash("sha256").update(tar).digest("hex");
  if (sha !== manifest.tarSha256) return { reason: `the shipped template is damaged (sha256 ${sha.slice(0, 12)}…, expected ${manifest.tarSha256.slice(0, 12)}…)` };
  return { tar, manifest };
}

/** Runs PGlite's initdb in `dir` and returns the database's catalog facts. */
async function initdb(dir) {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dir, OPTIONS);
  try {
    return await catalogFacts(db);
  } finally {
    await db.close();
  }
}

/** What must be the same in a template and a fresh initdb: catalog size, encoding, locale, time zone. */
export async function catalogFacts(db) {
  const one = async (sql) => Object.values((await db.query(sql)).rows[0])[0];
  const facts = {};
  for (const t of ["pg_class", "pg_proc", "pg_type", "pg_namespace", "pg_database", "pg_collation"]) facts[t] = Number(await one(`select count(*) from ${t}`));
  for (const s of ["server_version", "server_encoding", "client_encoding", "lc_messages", "TimeZone", "log_timezone", "DateStyle", "shared_buffers"]) facts[s] = await one(`show ${s}`);
  // PostgreSQL 16+ has no lc_collate setting: the database's own collation and ctype.
  const db0 = (await db.query("select datcollate, datctype, datlocprovider from pg_database where datname = current_database()")).rows[0];
  Object.assign(facts, db0);
  return facts;
}

async function build(dir, { forceInitdb = false } = {}) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const shipped = forceInitdb ? { reason: "asked for (--initdb)" } : shippedTemplate();
  let image = shipped.tar;
  if (image) {
    extractTar(image, tmp);
  } else {
    process.stderr.write(`duban: running PGlite's initdb (several seconds, about 700 MiB): ${shipped.reason}${forceInitdb ? "" : `; ${REGENERATE}`}\n`);
    await initdb(tmp);
    image = writeTar(tmp);
  }
  // The same directory as a tar image, for throw-away stores that live in memory (tests).
  fs.writeFileSync(path.join(tmp, IMAGE), image);
  fs.writeFileSync(path.join(tmp, READY), `${new Date().toISOString()}\n`);
  try {
    fs.renameSync(tmp, dir);
  } catch (err) {
    // Another process made it first: keep theirs.
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dir, READY))) throw err;
  }
}

export async function ensureTemplate(options) {
  const name = templateName();
  let lastError;
  for (const dir of candidateDirs(name)) {
    if (fs.existsSync(path.join(dir, READY))) return dir;
    try {
      await build(dir, options);
      return dir;
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/**
 * Makes the shipped template from a fresh initdb, then checks that the unpacked copy opens with the
 * same catalog facts before replacing templates/pglite/. Once per PGlite upgrade (or options change).
 */
async function ship() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "duban-ship-"));
  try {
    const facts = await initdb(path.join(work, "data"));
    const tar = writeTar(path.join(work, "data"));
    const br = zlib.brotliCompressSync(tar, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: tar.length },
    });
    extractTar(zlib.brotliDecompressSync(br), path.join(work, "check"));
    const { PGlite } = await import("@electric-sql/pglite");
    const copy = await PGlite.create(path.join(work, "check"), OPTIONS);
    const again = await catalogFacts(copy);
    await copy.close();
    if (JSON.stringify(again) !== JSON.stringify(facts)) throw new Error(`the unpacked copy differs: ${JSON.stringify(again)} vs ${JSON.stringify(facts)}`);
    const manifest = {
      pglite: pgliteVersion(),
      optionsHash: optionsHash(),
      options: OPTIONS,
      tarSha256: crypto.createHash("sha256").update(tar).digest("hex"),
      tarBytes: tar.length,
      compression: "brotli, quality 11, window 2^24",
      made: new Date().toISOString(),
      catalog: facts,
    };
    fs.mkdirSync(path.dirname(SHIPPED.tar), { recursive: true });
    fs.writeFileSync(SHIPPED.tar, br);
    fs.writeFileSync(SHIPPED.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    return `${path.relative(ROOT, SHIPPED.tar)}: ${br.length} bytes (tar ${tar.length}), PGlite ${manifest.pglite}`;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  applyWasmFlags();
  const args = process.argv.slice(2);
  const quiet = args.includes("--install");
  try {
    const out = args.includes("--ship") ? await ship() : await ensureTemplate({ forceInitdb: args.includes("--initdb") });
    process.stdout.write(`${out}\n`);
  } catch (err) {
    // At install a failure only costs speed later (the store makes the template when needed).
    process.stderr.write(`duban: could not prepare the embedded database template: ${err.message}\n`);
    process.exitCode = quiet ? 0 : 1;
  }
}
