import pino, { type Logger } from "pino";
import { SECRET_ENV } from "../adapters/registry.ts";

export type { Logger };

/** Keys whose values never reach a log line (tokens, secrets, signatures). */
export const REDACT_PATHS = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "DATABASE_URL",
  "*.DATABASE_URL",
  ...SECRET_ENV,
];

/**
 * Creates the process logger. Logs go to stderr so that the console adapter's stdout carries
 * only replies (scripts pipe it). Written synchronously: a log line is on stderr before the
 * next line the CLI writes there (its final `duban: …` line stays last), even when the
 * thread pool is busy, and none is lost when the process exits.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination({ dest: 2, sync: true })): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: "[redacted]" }, base: { app: "duban" } }, destination);
}
