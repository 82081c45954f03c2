#!/usr/bin/env node
// Compiles the TypeScript sources to one JavaScript bundle (with lazy chunks) under dist/, so a
// start does not transpile every file again (measured: about 60 MiB less resident memory and
// about 30% less CPU to the first answer than the tsx loader). Run by `npm install` (prepare);
// bin/duban.js also rebuilds, in a new directory, when a source is newer than the build.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");
const CURRENT = path.join(DIST, "current.json");
const SOURCES = ["src", "commands", "package.json", "bin/build.js"];
const ENTRY = "src/cli/main.ts";
/**
 * Pure ESM packages compiled into the bundle instead of loaded from node_modules at run time: one
 * file instead of hundreds (zod 4 alone is about 230 modules) loads faster and holds less
 * (measured for zod: about 60 ms less CPU and 4 MiB less resident memory). Packages that find
 * files of their own at run time (Prisma's engines, PGlite's WASM, pino's workers) stay external.
 */
const BUNDLED = new Set(["zod", "pinyin-pro"]);

/**
 * External packages loaded through their ES module build although their package.json sends Node to
 * the CommonJS one: an ES module importing CommonJS makes Node 20 scan it and each file it requires
 * for exports. Prisma's runtime (measured: 27 instead of 85–130 ms CPU to load) is imported by the
 * bundle only, so its one copy is the ES module. Written as a path relative to the build directory.
 */
const ESM_BUILDS = { "@prisma/client/runtime/client": "runtime/client.mjs" };

function esmBuild(specifier, outdir) {
  let file;
  try {
    const pkg = specifier.split("/").slice(0, 2).join("/");
    file = path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] })), ESM_BUILDS[specifier]);
  } catch {
    return undefined;
  }
  return fs.existsSync(file) ? path.relative(outdir, file).split(path.sep).join("/") : undefined;
}

/** Every bare import is external except the packages in BUNDLED. */
const externals = (outdir) => ({
  name: "externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("node:")) return { external: true };
      if (ESM_BUILDS[args.path]) {
        const rel = esmBuild(args.path, outdir);
        if (rel) return { path: rel, external: true };
      }
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
      return BUNDLED.has(name) ? undefined : { external: true };
    });
  },
});

/**
 * The newest modification time among the sources and their directories (a file removed or
 * renamed changes its directory's time); a few hundred stat calls.
 */
function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const st = fs.statSync(p, { throwIfNoEntry: false });
    if (!st) return;
    newest = Math.max(newest, st.mtimeMs);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  for (const s of SOURCES) visit(path.join(ROOT, s));
  return newest;
}

/** The built entry when it is at least as new as every source; otherwise undefined. */
export function currentBuild() {
  let current;
  try {
    current = JSON.parse(fs.readFileSync(CURRENT, "utf8"));
  } catch {
    return undefined;
  }
  const entry = path.join(DIST, current.dir, "main.js");
  if (!fs.existsSync(entry) || current.sourcesMtime < newestSource()) return undefined;
  return entry;
}

/** Builds into a directory of its own, then points dist/current.json at it (atomic rename). */
export async function build() {
  const sourcesMtime = newestSource();
  const dir = `build-${Date.now().toString(36)}-${process.pid}`;
  const { build: esbuild } = await import("esbuild");
  const outdir = path.join(DIST, dir);
  await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    plugins: [externals(outdir)],
    sourcemap: "linked",
    chunkNames: "chunk-[hash]",
    logLevel: "warning",
  });
  const tmp = `${CURRENT}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify({ dir, sourcesMtime, builtAt: new Date().toISOString() }));
  fs.renameSync(tmp, CURRENT);
  removeOldBuilds(dir);
  return path.join(DIST, dir, "main.js");
}

/** Builds older than an hour that are not current (a running bot may still load a chunk of a recent one). */
function removeOldBuilds(keep) {
  for (const name of fs.readdirSync(DIST)) {
    if (!name.startsWith("build-") || name === keep) continue;
    const p = path.join(DIST, name);
    if (Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.stdout.write(`built ${path.relative(ROOT, await build())}\n`);
  } catch (err) {
    // Not fatal at install: bin/duban.js builds again, or runs the sources through tsx.
    process.stderr.write(`duban: build failed (${err.message}); the sources will be run through tsx\n`);
  }
}
