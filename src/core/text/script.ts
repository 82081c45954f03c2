import * as OpenCC from "opencc-js";

type Convert = (s: string) => string;
let toCn: Convert | undefined;
let toTw: Convert | undefined;

/** Traditional → Simplified (Taiwan phrasing understood), for matching; never for display. */
export function toSimplified(input: string): string {
  const convert = (toCn ??= OpenCC.Converter({ from: "twp", to: "cn" }));
  return convert(input);
}

/** Simplified → Traditional (Taiwan), for zh-TW replies built from Simplified data. */
export function toTraditional(input: string): string {
  const convert = (toTw ??= OpenCC.Converter({ from: "cn", to: "twp" }));
  return convert(input);
}
