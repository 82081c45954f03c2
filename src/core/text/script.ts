import * as OpenCC from "opencc-js";

type Convert = (s: string) => string;
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
  const convert = (toCn ??= OpenCC.Converter({ from: "twp", to: "cn" }));
  return convert(input);
}

/** Simplified → Traditional (Taiwan), for zh-TW replies built from Simplified data. */
export function toTraditional(input: string): string {
  if (ASCII.test(input)) return input;
  const convert = (toTw ??= OpenCC.Converter({ from: "cn", to: "twp" }));
  return convert(input);
}
