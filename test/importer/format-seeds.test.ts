import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ImportResult } from "../../src/importer/types.ts";
import { importFixture } from "./format-helpers.ts";
import { seed } from "./seed-helpers.ts";

// The five seeds as a bureau receives them: saved as .docx (one paragraph per line, page numbers in
// the footer) and printed to PDF from that file (wrapped lines, `— N —` page numbers). Both must give
// the same plans, tasks, owners, deadlines and targets as the .txt, whose goldens are the seed tests.
function essentials(result: ImportResult) {
  return result.plans.map((p) => ({
    slug: p.slug,
    title: p.title,
    period: p.period,
    tasks: p.tasks.map((t) => ({ number: t.number, title: t.title, section: t.section, units: t.units, required: t.required, deadlines: t.deadlines })),
    units: p.units,
    targets: p.targets,
  }));
}

const SEEDS = readdirSync(new URL("../../seeds", import.meta.url)).filter((f) => f.endsWith(".txt")).map((f) => f.slice(0, 3)).sort();

describe.each(SEEDS)("seed %s as .docx and .pdf", (prefix) => {
  const expected = essentials(seed(prefix));

  it(".docx imports to the same tasks, owners and targets as the .txt", async () => {
    expect(essentials(await importFixture(`seed-${prefix}.docx`))).toEqual(expected);
  });

  it(".pdf imports to the same tasks, owners and targets as the .txt", async () => {
    expect(essentials(await importFixture(`seed-${prefix}.pdf`))).toEqual(expected);
  });
});
