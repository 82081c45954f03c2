/**
 * True for a unique-constraint violation, whichever driver adapter raised it: adapter-pg maps
 * it to Prisma's P2002, the PGlite adapter passes PostgreSQL's SQLSTATE 23505 through.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string; originalCode?: string; kind?: string } } | null;
  if (!e) return false;
  return (
    e.code === "P2002" ||
    e.cause?.code === "23505" ||
    e.cause?.originalCode === "23505" ||
    e.cause?.kind === "UniqueConstraintViolation"
  );
}
