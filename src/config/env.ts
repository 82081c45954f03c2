import path from "node:path";
import { z } from "zod";
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

const PORT_MESSAGE = "PORT must be a port number (1–65535)";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

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
  /** Unset: "info", or "warn" while the console adapter shares the terminal. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: optionalString,
  PORT: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? "3000" : v.trim()))
    .pipe(z.string().regex(/^\d{1,5}$/, PORT_MESSAGE).transform(Number).pipe(z.number().min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE))),
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_GUILD_ID: optionalString,
  DISCORD_API_URL: optionalString,
  DISCORD_MESSAGE_CONTENT: z
    .enum(["true", "false", "1", "0", ""])
    .optional()
    .transform((v) => v === "true" || v === "1"),
}).superRefine((env, ctx) => {
  if (env.SLACK_BOT_TOKEN && !env.SLACK_APP_TOKEN && !env.SLACK_SIGNING_SECRET) {
    ctx.addIssue({ code: "custom", path: ["SLACK_SIGNING_SECRET"], message: "set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode) with SLACK_BOT_TOKEN" });
  }
  if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
    ctx.addIssue({ code: "custom", path: ["DISCORD_APPLICATION_ID"], message: "is required with DISCORD_TOKEN" });
  }
});

export type Env = z.output<typeof schema>;
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
  if (result.success) {
    const env = result.data;
    return { ...env, DUBAN_DATA_DIR: path.resolve(env.DUBAN_DATA_DIR), DUBAN_SEED_DIR: path.resolve(env.DUBAN_SEED_DIR) };
  }
  const issues = result.error.issues.map((i) => {
    const name = i.path.join(".") || "environment";
    // A message that already names its variable reads as a sentence ("PORT must be …").
    return i.message.startsWith(`${name} `) ? i.message : `${name}: ${i.message}`;
  });
  throw new ConfigError(issues);
}
