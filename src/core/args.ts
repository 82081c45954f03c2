import { z } from "zod";
import { parseChineseInteger } from "./text/numerals.ts";

/**
 * A task or item number as people type it: `7`, `七`, `十四`, `#7`, `第7项`, `7号`, `（十四）`.
 * Produces the Arabic string used as the task number.
 */
export const taskNumberArg = z
  .string()
  .trim()
  .transform((raw, ctx) => {
    const core = raw.replace(/^[#＃No.第（(\s]+/i, "").replace(/[)）项項号號条條\s]+$/, "");
    const n = parseChineseInteger(core);
    if (n === null || !Number.isSafeInteger(n) || n <= 0) {
      ctx.addIssue({ code: "custom", message: "arg.taskNumber" });
      return z.NEVER;
    }
    return String(n);
  });
