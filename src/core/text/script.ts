import * as OpenCC from "opencc-js";

let toCn: ((s: string) => string) | undefined;
let toTw: ((s: string) => string) | undefined;

/** Traditional → Simplified (Taiwan phrasing understood), for matching; never for display. */
export function toSimplified(input: string): string {
  toCn ??= OpenCC.Converter({ from: "twp", to: "cn" });
  return toCn(input);
}

/** Simplified → Traditional (Taiwan), for zh-TW replies built from Simplified data. */
export function toTraditional(input: string): string {
  toTw ??= OpenCC.Converter({ from: "cn", to: "twp" });
  return toTw(input);
}
