import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SDKS = ["@slack/bolt", "discord.js", "dingtalk-stream", "@larksuiteoapi/node-sdk"];

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sources(rel);
    return e.name.endsWith(".ts") ? [rel] : [];
  });
}

interface Edge {
  to: string;
  dynamic: boolean;
}

/** Relative imports (static, `import type` included, and dynamic `import()`) and package imports of each file. */
function graph(): { files: Map<string, Edge[]>; packages: Map<string, string[]> } {
  const files = new Map<string, Edge[]>();
  const packages = new Map<string, string[]>();
  for (const file of [...sources("src"), ...sources("commands")]) {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const edges: Edge[] = [];
    const pkgs: string[] = [];
    const re = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g;
    for (const m of text.matchAll(re)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith(".")) edges.push({ to: path.normalize(path.join(path.dirname(file), spec)), dynamic: m[2] !== undefined });
      else pkgs.push(spec);
    }
    files.set(file, edges);
    packages.set(file, pkgs);
  }
  return { files, packages };
}

describe("architecture", () => {
  const { files, packages } = graph();

  it("has no import cycles in src/ and commands/ (type-only and dynamic imports count)", () => {
    const state = new Map<string, "open" | "done">();
    const cycles: string[] = [];
    const visit = (file: string, stack: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "open") return void cycles.push([...stack.slice(stack.indexOf(file)), file].join(" > "));
      state.set(file, "open");
      for (const e of files.get(file) ?? []) visit(e.to, [...stack, file]);
      state.set(file, "done");
    };
    for (const file of files.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it("the core and the commands name no platform and import no SDK or generated client; the core imports no other layer", () => {
    const offenders: string[] = [];
    for (const [file, pkgs] of packages) {
      if (!file.startsWith("src/core/") && !file.startsWith("commands/")) continue;
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (/\b(slack|discord|dingtalk|feishu|lark)\b/i.test(text)) offenders.push(`${file}: names a platform`);
      // "console" is also a JavaScript global: only a comparison with the platform name counts.
      if (/[=!]==?\s*["']console["']|["']console["']\s*[=!]==?/.test(text)) offenders.push(`${file}: compares with the console platform`);
      for (const p of pkgs) if (SDKS.includes(p) || p.includes("generated") || p.startsWith("@prisma")) offenders.push(`${file}: imports ${p}`);
      for (const e of files.get(file) ?? []) if (/^src\/(adapters|store|generated)\//.test(e.to)) offenders.push(`${file}: imports ${e.to}`);
      // The core depends on no other layer (scheduler, importer, digest…): they depend on it.
      if (file.startsWith("src/core/")) for (const e of files.get(file) ?? []) if (!e.to.startsWith("src/core/")) offenders.push(`${file}: imports ${e.to} (outside the core)`);
    }
    expect(offenders).toEqual([]);
  });

  it("the adapter registry loads no platform SDK until a platform is configured (only dynamic imports lead to one)", () => {
    const reached = new Set<string>();
    const walk = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const e of files.get(file) ?? []) if (!e.dynamic) walk(e.to);
    };
    for (const entry of ["src/adapters/registry.ts", "src/config/env.ts", "src/config/logger.ts", "src/app/app.ts"]) walk(entry);
    const sdk = [...reached].filter((f) => (packages.get(f) ?? []).some((p) => SDKS.includes(p)));
    expect(sdk).toEqual([]);
    // and each configured platform's adapter is one dynamic import away
    const dynamic = [...(files.entries())].flatMap(([f, es]) => es.filter((e) => e.dynamic).map((e) => `${f} -> ${e.to}`));
    expect(dynamic).toEqual(expect.arrayContaining(["src/adapters/slack/platform.ts -> src/adapters/slack/adapter.ts", "src/adapters/discord/platform.ts -> src/adapters/discord/adapter.ts"]));
  });
  it("no module outside src/store/ reaches the Prisma client (no import of it, no Database.prisma)", () => {
    const offenders: string[] = [];
    for (const [file, pkgs] of packages) {
      if (file.startsWith("src/store/")) continue;
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      for (const p of pkgs) if (p.startsWith("@prisma/") || p.includes("generated/prisma")) offenders.push(`${file}: imports ${p}`);
      for (const e of files.get(file) ?? []) if (e.to.startsWith("src/generated/")) offenders.push(`${file}: imports ${e.to}`);
      if (/\.prisma\b/.test(text)) offenders.push(`${file}: uses a Prisma client`);
    }
    expect(offenders).toEqual([]);
  });

  it("buttons take their ids from action(kind, …): nothing else builds an id string or parses one", () => {
    const offenders: string[] = [];
    for (const file of files.keys()) {
      if (file === "src/core/reply.ts") continue;
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      if (/\bactionId:\s*[`"']/.test(text)) offenders.push(`${file}: builds an action id string`);
      if (/\bactionId\s*\.\s*(split|match|startsWith|endsWith|replace)\(|\.(exec|test)\(\s*\w*\.?actionId\b/.test(text)) offenders.push(`${file}: parses an action id`);
    }
    expect(offenders).toEqual([]);
  });

  it("rights are checked in one place: only core/permissions.ts asks the store who is a plan admin", () => {
    const offenders: string[] = [];
    for (const file of files.keys()) {
      if (file.startsWith("src/store/") || file === "src/core/permissions.ts" || file === "src/core/store.ts") continue;
      const text = fs.readFileSync(path.join(ROOT, file), "utf8");
      // /admin (no arguments) says which kind of admin the asker is: it reads, it does not allow anything.
      if (file === "commands/admin.ts") continue;
      if (/\.isPlanAdmin\(|\bcanBindChannel\b|\bassertPlanAdmin\b/.test(text)) offenders.push(file);
    }
    expect(offenders).toEqual([]);
  });

  it("platform catalogs live in their adapter's folder, not in the core's i18n", () => {
    const catalogs = fs.readdirSync(path.join(ROOT, "src/core/i18n/catalogs")).map((f) => f.replace(/\.ts$/, ""));
    const platforms = fs.readdirSync(path.join(ROOT, "src/adapters"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(platforms).toEqual(expect.arrayContaining(["console", "slack", "discord", "dingtalk"]));
    expect(catalogs.filter((c) => platforms.includes(c))).toEqual([]);
  });
  it("a platform is one folder: found through the registry, imported by nothing else, its SDK one dynamic import away", () => {
    const folders = fs.readdirSync(path.join(ROOT, "src/adapters"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    const offenders: string[] = [];
    for (const [file, edges] of files) {
      if (file.startsWith("src/adapters/")) continue;
      for (const e of edges) {
        const folder = /^src\/adapters\/([^/]+)\//.exec(e.to)?.[1];
        // The console is started by the CLI itself (stdin/stdout), not from the environment.
        if (folder && !(folder === "console" && file.startsWith("src/cli/"))) offenders.push(`${file} imports ${e.to}`);
      }
    }
    for (const name of folders) {
      const definition = `src/adapters/${name}/platform.ts`;
      if (!files.has(definition)) offenders.push(`${name}: no platform.ts`);
      else if (!(files.get("src/adapters/registry.ts") ?? []).some((e) => e.to === definition)) offenders.push(`${name}: not in the registry`);
      for (const [file, edges] of files) {
        if (!file.startsWith("src/adapters/") || file.startsWith(`src/adapters/${name}/`)) continue;
        for (const e of edges) if (e.to.startsWith(`src/adapters/${name}/`) && file !== "src/adapters/registry.ts") offenders.push(`${file} imports ${e.to}`);
      }
      if (name === "console") continue;
      const own = (files.get(definition) ?? []).filter((e) => e.dynamic && e.to.startsWith(`src/adapters/${name}/`));
      if (!own.length) offenders.push(`${name}: platform.ts loads no adapter module dynamically`);
    }
    expect(offenders).toEqual([]);
  });
});
