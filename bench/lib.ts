/** One benchmark's results: rows of a table, also written to bench/results/latest.json. */
export interface BenchSection {
  name: string;
  rows: { metric: string; value: number; unit: string; note?: string }[];
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/**
 * Runs `fn` against a database of its own on the server at `adminUrl`, dropped afterwards, so
 * benchmark runs never see each other's rows (message ids, claimed digest periods).
 */
export async function withFreshPostgres<T>(adminUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const { default: pg } = await import("pg");
  const name = `duban_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await fn(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
