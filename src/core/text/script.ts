import { createRequire } from "node:module";

type Convert = (s: string) => string;
type OpenCC = typeof import("opencc-js");

/**
 * OpenCC's dictionaries (2 MB of JavaScript) load when a text first needs converting, and only the
 * direction it needs (Traditional → Simplified is 0.1 MB): a start and an ASCII command never parse
 * them. A synchronous require keeps both functions synchronous.
 */
const load = createRequire(import.meta.url) as (id: "opencc-js/t2cn" | "opencc-js/cn2t") => OpenCC;
let toCn: Convert | undefined;
let toTw: Convert | undefined;

/**
 * Text with no character outside ASCII has nothing to convert: it skips OpenCC, whose first
 * converter costs about 200 ms of CPU to build (most commands, `/help`, `/task 7`, are ASCII).
 */
const ASCII = /^[\x00-\x7f]*$/;

/** Traditional → Simplified (Taiwan phrasing understood), for matching; never for display. */
export function toSimplified(input: string): string {
  if (ASCII.test(input)) return input;
  const convert = (toCn ??= load("opencc-js/t2cn").Converter({ from: "twp", to: "cn" }));
  return convert(input);
}

/** Simplified → Traditional (Taiwan), for zh-TW replies built from Simplified data. */
export function toTraditional(input: string): string {
  if (ASCII.test(input)) return input;
  const convert = (toTw ??= load("opencc-js/cn2t").Converter({ from: "cn", to: "twp" }));
  return convert(input);
}
