import type { CommandContext } from "./command.ts";
import { NotFoundError, UsageError } from "./errors.ts";
import type { Locale } from "./i18n/index.ts";
import type { PlanSummary, TargetView } from "./model.ts";
import { parseChineseInteger } from "./text/numerals.ts";
import { toSimplified } from "./text/script.ts";

const norm = (s: string) => toSimplified(s).replace(/\s+/g, "").toLowerCase();

/** A target by its 1-based position in /target's list, or by a name fragment. */
export async function resolveTarget(ctx: CommandContext, plan: PlanSummary, ref: string): Promise<TargetView> {
  const targets = await ctx.services.store.listTargets(plan.id);
  const n = parseChineseInteger(ref.replace(/^#/, ""));
  if (n !== null && n >= 1 && n <= targets.length) return targets[n - 1]!;
  const q = norm(ref);
  const hits = q ? targets.filter((t) => norm(t.name).includes(q)) : [];
  if (hits.length === 1) return hits[0]!;
  if (!hits.length) throw new NotFoundError("update.targetNotFound", { query: ref });
  throw new UsageError("update.targetAmbiguous", {
    query: ref,
    names: hits.map((t) => `${targets.indexOf(t) + 1}. ${t.name}`).join("；"),
  });
}

/** Placeholder until src/core/targets/format.ts lands: the plain value with its unit. */
export function formatTargetValue(value: number, unit: string, _locale: Locale): string {
  return `${Number(value.toPrecision(12))}${unit}`;
}
