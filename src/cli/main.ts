import { parseArgs } from "node:util";
import { ConfigError, parseEnv, type Env } from "../config/env.ts";
import { createLogger } from "../config/logger.ts";
import { DataDirBusyError } from "../store/dir-lock.ts";

const USAGE = `duban — 督办, a chat-ops bot for IP work plans

Usage:
  duban start                       start every adapter that has credentials (console when none)
  duban console [--plan <slug|title fragment>] [--as <user>] [--lang zh-CN|zh-TW|en]
  duban migrate                     apply pending database migrations
  duban import <file…> [--dry-run] [--json] [--plan-slug <slug>]
  duban export --plan <slug> [--out file.xlsx] [--csv] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
  duban help

Configuration comes from environment variables (see .env.example).`;

/**
 * Exit codes: 0 ok, 1 configuration or runtime failure, 2 bad input (usage, unreadable document),
 * 3 stopped by SIGTERM/SIGINT with in-flight work cut short by DUBAN_SHUTDOWN_TIMEOUT_MS.
 */
export async function main(argv: string[]): Promise<number> {
  const [command = "start", ...rest] = argv;
  if (command === "help" || command === "--help" || command === "-h") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let env: Env;
  try {
    env = parseEnv();
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const issue of err.issues) process.stderr.write(`duban: configuration error: ${issue}\n`);
      return 1;
    }
    throw err;
  }
  const consoleOnly = command === "console" || (command === "start" && env.platforms.length === 0);
  const logger = createLogger(env.LOG_LEVEL ?? (consoleOnly ? "warn" : "info"));
  try {
    switch (command) {
      // Each command loads only its own modules: `import --dry-run` and `help` never load the store.
      case "start":
        return await (await import("./run.ts")).runStart(env, logger);
      case "console": {
        const { values } = parseArgs({
          args: rest,
          options: { plan: { type: "string" }, as: { type: "string" }, lang: { type: "string" } },
        });
        return await (await import("./run.ts")).runConsole(env, logger, values);
      }
      case "migrate":
        return await (await import("./migrate.ts")).runMigrate(env, logger);
      case "import": {
        const { values, positionals } = parseArgs({
          args: rest,
          allowPositionals: true,
          options: { "dry-run": { type: "boolean" }, json: { type: "boolean" }, "plan-slug": { type: "string" } },
        });
        return await (await import("./import.ts")).runImport(env, logger, positionals, {
          dryRun: values["dry-run"] ?? false,
          json: values.json ?? false,
          planSlug: values["plan-slug"],
        });
      }
      case "export": {
        const { values } = parseArgs({
          args: rest,
          options: { plan: { type: "string" }, out: { type: "string" }, csv: { type: "boolean" }, since: { type: "string" }, until: { type: "string" } },
        });
        return await (await import("./export.ts")).runExport(env, logger, {
          plan: values.plan,
          out: values.out,
          csv: values.csv ?? false,
          since: values.since,
          until: values.until,
        });
      }
      default:
        process.stderr.write(`duban: unknown command "${command}"\n\n${USAGE}\n`);
        return 2;
    }
  } catch (err) {
    if (err instanceof DataDirBusyError || (err as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      process.stderr.write(`duban: ${(err as Error).message}\n`);
      return (err as { code?: string }).code ? 2 : 1;
    }
    logger.fatal({ err }, "duban stopped");
    process.stderr.write(`duban: ${(err as Error).message}\n`);
    return 1;
  }
}
