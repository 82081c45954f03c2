import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { PACKAGE_ROOT } from "../config/root.ts";

/**
 * A new embedded store starts as a copy of an empty PGlite data directory prepared once by
 * bin/pglite-template.js in a process of its own: unpacked from the one shipped in
 * templates/pglite/, or, when that does not fit the installed PGlite, made by PGlite's initdb
 * (seconds, about 700 MiB resident), which never runs in the bot or in a test worker. A copy
 * then opens like any existing store.
 */
const SCRIPT = path.join(PACKAGE_ROOT, "bin/pglite-template.js");

/** Files of the template that are not part of the data directory (see bin/pglite-template.js). */
const TEMPLATE_EXTRAS = new Set(["duban-template-ready", "duban-template.tar"]);

let cached: Promise<string> | undefined;

/** The template's path, made first if missing. DUBAN_PGLITE_TEMPLATE names a ready one (tests). */
export function ensureTemplate(): Promise<string> {
  const given = process.env.DUBAN_PGLITE_TEMPLATE;
  if (given && fs.existsSync(path.join(given, "PG_VERSION"))) return Promise.resolve(given);
  cached ??= promisify(execFile)(process.execPath, [SCRIPT], { cwd: PACKAGE_ROOT, maxBuffer: 1 << 20 }).then(
    ({ stdout, stderr }) => {
      // Why initdb ran instead of unpacking the shipped template (one line), for the operator.
      if (stderr) process.stderr.write(stderr);
      return stdout.trim();
    },
    (err: Error & { stderr?: string }) => {
      cached = undefined;
      throw new Error(`could not prepare the embedded database: ${err.stderr?.trim() || err.message}`);
    },
  );
  return cached;
}

/**
 * True when `dir` holds no PostgreSQL data directory yet (missing or empty); throws when it holds
 * other files, which are never overwritten.
 */
export function needsInit(dir: string): boolean {
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) return true;
  if (fs.existsSync(path.join(dir, "PG_VERSION"))) return false;
  throw new Error(`${dir} holds files but no PostgreSQL data directory; move them away or choose another DUBAN_DATA_DIR`);
}

/** Fills `dir` (missing or empty) with a copy of the template; a half-made copy is never left there. */
export async function initFromTemplate(dir: string): Promise<void> {
  const template = await ensureTemplate();
  const tmp = `${dir}.init-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.cpSync(template, tmp, {
    recursive: true,
    mode: fs.constants.COPYFILE_FICLONE,
    filter: (src) => !TEMPLATE_EXTRAS.has(path.relative(template, src)),
  });
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
}

/**
 * The template as a tar image, for a throw-away store in memory (PGlite's loadDataDir).
 * DUBAN_PGLITE_IMAGE names another image, e.g. the test run's already migrated one.
 */
export async function templateImage(): Promise<Blob> {
  const given = process.env.DUBAN_PGLITE_IMAGE;
  const file = given && fs.existsSync(given) ? given : path.join(await ensureTemplate(), "duban-template.tar");
  return new Blob([fs.readFileSync(file)]);
}
