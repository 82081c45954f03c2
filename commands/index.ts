import type { CommandDefinition } from "../src/core/command.ts";
import help from "./help.ts";
import plan from "./plan.ts";
import plans from "./plans.ts";
import task from "./task.ts";

/** Every command, in the order /help lists them. */
export const commands: readonly CommandDefinition[] = [help, plans, plan, task];
