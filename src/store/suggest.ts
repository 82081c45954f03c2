import type { PrismaClient } from "../generated/prisma/client.ts";
import type { SuggestKind } from "../core/command.ts";
import type { Suggestion } from "../core/store.ts";
import { toSimplified } from "../core/text/script.ts";
import { toHalfWidth } from "../core/text/width.ts";

const norm = (s: string) => toSimplified(toHalfWidth(s)).toLowerCase().replace(/\s+/g, "");

/** Ranks prefix matches first, then substring matches; keeps document order within each. */
function rank<T>(items: T[], keys: (t: T) => string[], query: string, limit: number): T[] {
  const q = norm(query);
  if (!q) return items.slice(0, limit);
  const scored = items
    .map((item, i) => {
      const ks = keys(item).map(norm);
      const score = ks.some((k) => k === q) ? 0 : ks.some((k) => k.startsWith(q)) ? 1 : ks.some((k) => k.includes(q)) ? 2 : 3;
      return { item, i, score };
    })
    .filter((s) => s.score < 3);
  return scored.sort((a, b) => a.score - b.score || a.i - b.i).slice(0, limit).map((s) => s.item);
}

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export async function suggest(
  prisma: PrismaClient,
  kind: SuggestKind,
  planId: number | null,
  query: string,
  limit: number,
): Promise<Suggestion[]> {
  if (kind === "plan") {
    const plans = await prisma.plan.findMany({ select: { slug: true, title: true }, orderBy: { id: "asc" } });
    return rank(plans, (p) => [p.slug, p.title], query, limit).map((p) => ({ value: p.slug, label: clip(`${p.slug} ${p.title}`, 100) }));
  }
  if (planId === null) return [];
  if (kind === "task") {
    const tasks = await prisma.task.findMany({
      where: { planId, removedAt: null },
      select: { number: true, title: true },
      orderBy: { position: "asc" },
    });
    return rank(tasks, (t) => [t.number, t.title], query, limit).map((t) => ({ value: t.number, label: clip(`${t.number} ${t.title}`, 100) }));
  }
  if (kind === "target") {
    const targets = await prisma.target.findMany({
      where: { planId, removedAt: null },
      select: { name: true, unit: true },
      orderBy: { position: "asc" },
    });
    return rank(targets, (t) => [t.name], query, limit).map((t) => ({ value: t.name, label: clip(`${t.name}（${t.unit}）`, 100) }));
  }
  const units = await prisma.unit.findMany({
    where: { planId },
    select: { name: true, aliases: { select: { alias: true } } },
    orderBy: { id: "asc" },
  });
  return rank(units, (u) => [u.name, ...u.aliases.map((a) => a.alias)], query, limit).map((u) => ({ value: u.name, label: clip(u.name, 100) }));
}
