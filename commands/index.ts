import type { CommandDefinition } from "../src/core/command.ts";
import help from "./help.ts";
import history from "./history.ts";
import plan from "./plan.ts";
import plans from "./plans.ts";
import task from "./task.ts";
import tasks from "./tasks.ts";
import undo from "./undo.ts";
import update from "./update.ts";

/** Every command, in the order /help lists them. */
export const commands: readonly CommandDefinition[] = [help, task, tasks, update, undo, history, plans, plan];
