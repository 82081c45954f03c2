import { z } from "zod";
import type { PlatformDefinition } from "../contract.ts";
import catalog from "./catalog-text.ts";
import { consoleMentions } from "./mentions.ts";

/**
 * The console: stdin and stdout of `duban console` (and of `duban start` when no platform is
 * configured). It is never configured from the environment; src/cli/run.ts starts it directly.
 */
export const consolePlatform: PlatformDefinition<null> = {
  name: "console",
  env: [],
  secrets: [],
  config: z.unknown().transform(() => null),
  mentions: consoleMentions,
  localFiles: true,
  catalog,
  load: () => Promise.reject(new Error("the console adapter is started by `duban console`, not from the environment")),
};
