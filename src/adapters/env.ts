import { z } from "zod";

/** An optional variable: unset, empty or blank all mean "not set"; values are trimmed. */
export const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/** `true`/`1` → true; unset, empty, `false`/`0` → false. */
export const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const PORT_MESSAGE = "PORT must be a port number (1–65535)";

/** The HTTP port shared by receivers that need one (`PORT`, default 3000). */
export const port = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? "3000" : v.trim()))
  .pipe(z.string().regex(/^\d{1,5}$/, PORT_MESSAGE).transform(Number).pipe(z.number().min(1, PORT_MESSAGE).max(65535, PORT_MESSAGE)));

/** One configuration issue as a line; a message that already names its variable reads as a sentence ("PORT must be …"). */
export function issueLine(name: string, message: string): string {
  return message.startsWith(`${name} `) ? message : `${name}: ${message}`;
}
