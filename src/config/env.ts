import path from "node:path";
import { z } from "zod";
import { issueLine } from "../adapters/env.ts";
import { configurePlatforms, type ConfiguredPlatform } from "../adapters/registry.ts";
import { isValidTimeZone } from "../core/tz.ts";

const LOCALES = ["zh-CN", "zh-TW", "en"] as const;

const postgresUrl = z
  .string()
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "postgresql:" || u.protocol === "postgres:") && u.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgresql:// URL, e.g. postgresql://user@127.0.0.1:5432/duban");

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** A bound in milliseconds, 100 ms to an hour; blank counts as unset. */
const millis = (fallback: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number()
      .int("must be a whole number of milliseconds")
      .min(100, "must be at least 100 (milliseconds)")
      .max(3_600_000, "must be at most 3600000 (one hour, in milliseconds)")
      .default(fallback),
  );

const schema = z.object({
  DATABASE_URL: optionalString.pipe(postgresUrl.optional()),
  DUBAN_DATA_DIR: z.string().default("./data"),
  DUBAN_LOCALE: z.enum(LOCALES).default("zh-CN"),
  DUBAN_TIMEZONE: z
    .string()
    .default("Asia/Shanghai")
    .refine((tz) => isValidTimeZone(tz), "must be an IANA time zone such as Asia/Shanghai"),
  DUBAN_ADMINS: z
    .string()
    .default("")
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[a-z]+:.+$/, "entries look like platform:userId, e.g. slack:U012ABC"))),
  /** An operator work calendar in the holiday-cn JSON shape; its years replace or extend chinese-days'. */
  DUBAN_CALENDAR_FILE: optionalString,
  DUBAN_STALE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  DUBAN_SEED_DIR: z.string().default("./seeds"),
  DUBAN_SEED: z.enum(["auto", "off"]).default("auto"),
  /** Attempts to reach the store at start (exponential backoff, 0.5 s doubling to 8 s). */
  DUBAN_STORE_RETRIES: z.coerce.number().int().min(1).max(100).default(6),
  /**
   * Bounds on waits for the store (src/store/timeouts.ts): opening a connection or waiting for a
   * free one, one statement, one transaction. Past them a command gets "temporarily unavailable".
   */
  DUBAN_DB_CONNECT_TIMEOUT_MS: millis(5_000),
  DUBAN_DB_QUERY_TIMEOUT_MS: millis(10_000),
  DUBAN_DB_TRANSACTION_TIMEOUT_MS: millis(30_000),
  /** On SIGTERM/SIGINT: how long in-flight work (then closing the store) may take before the process exits anyway. */
  DUBAN_SHUTDOWN_TIMEOUT_MS: millis(10_000),
  /**
   * How long an instance has to handle an inbound event it stored before the inbox may hand the
   * event to another pass (after a crash: how soon a restarted instance resumes it).
   */
  DUBAN_INBOX_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Unset: "info", or "warn" while the console adapter shares the terminal. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
}).refine((e) => e.DUBAN_DB_QUERY_TIMEOUT_MS <= e.DUBAN_DB_TRANSACTION_TIMEOUT_MS, {
  path: ["DUBAN_DB_QUERY_TIMEOUT_MS"],
  message: "must not exceed DUBAN_DB_TRANSACTION_TIMEOUT_MS (a transaction holds at least one statement)",
});

/**
 * The core's settings, and each platform configured in the environment (every platform owns its
 * variables: see `config` in src/adapters/<platform>/platform.ts).
 */
export type Env = z.output<typeof schema> & { platforms: ConfiguredPlatform[] };
export type Locale = (typeof LOCALES)[number];


export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join("\n"));
    this.name = "ConfigError";
  }
}

/** Parses the environment once; every bad variable is named in the error. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  const platforms = configurePlatforms(source);
  if (result.success && !platforms.issues.length) {
    const env = result.data;
    return { ...env, DUBAN_DATA_DIR: path.resolve(env.DUBAN_DATA_DIR), DUBAN_SEED_DIR: path.resolve(env.DUBAN_SEED_DIR), platforms: platforms.configured };
  }
  const issues = result.success ? [] : result.error.issues.map((i) => issueLine(i.path.join(".") || "environment", i.message));
  throw new ConfigError([...issues, ...platforms.issues]);
}
