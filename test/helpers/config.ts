import { ConfigError, parseEnv } from "../../src/config/env.ts";

/** What parseEnv says is wrong with an environment, one `VARIABLE: message` line each; none when it parses. */
export function configIssues(env: Record<string, string>): string[] {
  try {
    parseEnv(env);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return err.issues;
  }
}
