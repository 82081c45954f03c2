import type { CommandContext } from "./command.ts";
import { NotFoundError, UsageError } from "./errors.ts";
import type { PlanSummary, TargetView } from "./model.ts";
import { matchTargets } from "./targets/match.ts";
import { parseChineseInteger } from "./text/numerals.ts";

export { formatTargetValue } from "./targets/format.ts";

/** A target by its 1-based position in /target's list, or by a name fragment (as /target matches). */
export async function resolveTarget(ctx: CommandContext, plan: PlanSummary, ref: string): Promise<TargetView> {
  const targets = await ctx.services.store.listTargets(plan.id);
  const n = parseChineseInteger(ref.replace(/^#/, ""));
  if (n !== null && n >= 1 && n <= targets.length) return targets[n - 1]!;
  const hits = matchTargets(targets, ref);
  if (hits.length === 1) return hits[0]!.target;
  if (!hits.length) throw new NotFoundError("update.targetNotFound", { query: ref });
  throw new UsageError("update.targetAmbiguous", {
    query: ref,
    names: hits.map((h) => `${h.position}. ${h.target.name}`).join("；"),
  });
}
