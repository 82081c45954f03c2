import type { Prisma } from "../generated/prisma/client.ts";
import type { UnitRole } from "../core/imported-plan.ts";
import type { TargetData, TaskData } from "./plan-rows.ts";

/**
 * What the store holds of a plan, as the plan writer compares a document with it: read in one
 * query (one round trip and no per-row work in Prisma: a re-import of an unchanged document
 * reads this and writes nothing). Ids ascending; dates as YYYY-MM-DD.
 */
export interface StoredPlan {
  id: number;
  slug: string;
  title: string;
  sourceHash: string | null;
  units: { id: number; name: string; aliases: string[] }[];
  sections: { id: number; position: number; title: string }[];
  tasks: (TaskData & {
    id: number;
    number: string;
    removed: boolean;
    units: { unitId: number; role: UnitRole; position: number }[];
    deadlines: StoredDeadline[];
  })[];
  targets: (TargetData & { id: number; name: string; removed: boolean; milestones: { year: number; value: number; valueMax: number | null }[] })[];
  contacts: { name: string; title: string | null; unitId: number | null }[];
  planDeadlines: StoredDeadline[];
  /** The group links of the plan's units (`各区政府` → `福田区政府`). */
  links: { groupId: number; memberId: number; source: string }[];
}

export interface StoredDeadline {
  text: string;
  date: string | null;
  recurrence: string | null;
}

type Lists = Omit<StoredPlan, "id" | "slug" | "title" | "sourceHash">;

/** A plan not yet in the store: nothing to compare with. */
export const NO_ROWS: Lists = { units: [], sections: [], tasks: [], targets: [], contacts: [], planDeadlines: [], links: [] };

// pg returns json columns parsed, PGlite too; a string is parsed in case a driver does not.
const list = <T,>(v: T[] | string | null): T[] => (v === null ? [] : typeof v === "string" ? (JSON.parse(v) as T[]) : v);

export async function readStoredPlan(tx: Prisma.TransactionClient, slug: string): Promise<StoredPlan | null> {
  const rows = await tx.$queryRaw<({ id: number; slug: string; title: string; sourceHash: string | null } & { [K in keyof Lists]: Lists[K] | string | null })[]>`
    SELECT p.id, p.slug, p.title, p."sourceHash",
      (SELECT json_agg(json_build_object('id', u.id, 'name', u.name,
          'aliases', COALESCE((SELECT json_agg(a.alias ORDER BY a.id) FROM "UnitAlias" a WHERE a."unitId" = u.id), '[]'::json)) ORDER BY u.id)
         FROM "Unit" u WHERE u."planId" = p.id) AS units,
      (SELECT json_agg(json_build_object('id', s.id, 'position', s.position, 'title', s.title) ORDER BY s.id)
         FROM "Section" s WHERE s."planId" = p.id) AS sections,
      (SELECT json_agg(json_build_object('id', t.id, 'number', t.number, 'title', t.title, 'text', t.text, 'position', t.position,
          'sectionId', t."sectionId", 'required', t.required, 'requirementNote', t."requirementNote", 'removed', t."removedAt" IS NOT NULL,
          'units', COALESCE((SELECT json_agg(json_build_object('unitId', tu."unitId", 'role', tu.role, 'position', tu.position))
                               FROM "TaskUnit" tu WHERE tu."taskId" = t.id), '[]'::json),
          'deadlines', COALESCE((SELECT json_agg(json_build_object('text', d.text, 'date', to_char(d.date, 'YYYY-MM-DD'), 'recurrence', d.recurrence) ORDER BY d.id)
                                   FROM "Deadline" d WHERE d."taskId" = t.id), '[]'::json)) ORDER BY t.id)
         FROM "Task" t WHERE t."planId" = p.id) AS tasks,
      (SELECT json_agg(json_build_object('id', g.id, 'name', g.name, 'position', g.position, 'unit', g.unit, 'comparator', g.comparator,
          'kind', g.kind, 'baselineYear', g."baselineYear", 'baselineValue', g."baselineValue", 'taskId', g."taskId", 'removed', g."removedAt" IS NOT NULL,
          'milestones', COALESCE((SELECT json_agg(json_build_object('year', m.year, 'value', m.value, 'valueMax', m."valueMax") ORDER BY m.year)
                                    FROM "Milestone" m WHERE m."targetId" = g.id), '[]'::json)) ORDER BY g.id)
         FROM "Target" g WHERE g."planId" = p.id) AS targets,
      (SELECT json_agg(json_build_object('name', c.name, 'title', c.title, 'unitId', c."unitId") ORDER BY c.id)
         FROM "Contact" c WHERE c."planId" = p.id) AS contacts,
      (SELECT json_agg(json_build_object('text', d.text, 'date', to_char(d.date, 'YYYY-MM-DD'), 'recurrence', d.recurrence) ORDER BY d.id)
         FROM "Deadline" d WHERE d."planId" = p.id AND d."taskId" IS NULL) AS "planDeadlines",
      (SELECT json_agg(json_build_object('groupId', l."groupId", 'memberId', l."memberId", 'source', l.source) ORDER BY l."groupId", l."memberId")
         FROM "UnitGroupMember" l JOIN "Unit" u ON u.id = l."groupId" WHERE u."planId" = p.id) AS links
    FROM "Plan" p WHERE p.slug = ${slug}`;
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    sourceHash: row.sourceHash,
    units: list(row.units),
    sections: list(row.sections),
    tasks: list(row.tasks),
    targets: list(row.targets),
    contacts: list(row.contacts),
    planDeadlines: list(row.planDeadlines),
    links: list(row.links),
  };
}
