import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Spreadsheet and chart code: loaded by the commands that need it, never at start. */
const HEAVY = /^src\/reports\/(?!period\.ts$)/;

/** Files a module loads when it is imported: static value imports only (types are erased, `import()` waits). */
function staticImports(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s)?[^;]*?from\s+"(\.[^"]+)"/g)) {
    if (m[2]) continue;
    out.push(path.normalize(path.join(path.dirname(file), m[3]!)));
  }
  return out;
}

function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f) || !fs.existsSync(path.join(ROOT, f))) return;
    seen.add(f);
    for (const next of staticImports(f)) visit(next);
  };
  entries.forEach(visit);
  return seen;
}

describe("reports are lazy", () => {
  it("nothing spreadsheet- or chart-related is loaded by the CLI, the app or the command list at start", () => {
    const loaded = [...reachable(["src/cli/main.ts", "src/cli/run.ts", "src/app/app.ts", "commands/index.ts"])];
    expect(loaded).toContain("commands/export.ts");
    expect(loaded).toContain("commands/chart.ts");
    expect(loaded.filter((f) => HEAVY.test(f))).toEqual([]);
    // Nor the rasteriser or the font package: only the chart code names them.
    for (const f of loaded) expect(fs.readFileSync(path.join(ROOT, f), "utf8"), f).not.toMatch(/@resvg\/resvg-js|@expo-google-fonts/);
  });

  it("the export command reaches the spreadsheet writer through a dynamic import only", () => {
    expect(fs.readFileSync(path.join(ROOT, "commands/export.ts"), "utf8")).toContain('await import("../src/reports/export.ts")');
    expect(reachable(["src/reports/export.ts"])).toContain("src/reports/xlsx.ts");
  });

  it("the chart command reaches the charts and resvg through dynamic imports only", () => {
    expect(fs.readFileSync(path.join(ROOT, "commands/chart.ts"), "utf8")).toContain('await import("../src/reports/charts/index.ts")');
    const charts = reachable(["src/reports/charts/index.ts"]);
    expect(charts).toContain("src/reports/charts/render.ts");
    const render = fs.readFileSync(path.join(ROOT, "src/reports/charts/render.ts"), "utf8");
    expect(render).toContain('await import("@resvg/resvg-js")');
    expect(render).not.toMatch(/^import .*@resvg/m);
  });
});
