import type { CommandDefinition } from "../src/core/command.ts";
import admin from "./admin.ts";
import calendar from "./calendar.ts";
import chart from "./chart.ts";
import digest from "./digest.ts";
import exporting from "./export.ts";
import help from "./help.ts";
import history from "./history.ts";
import importing from "./import.ts";
import lang from "./lang.ts";
import me from "./me.ts";
import owner from "./owner.ts";
import plan from "./plan.ts";
import plans from "./plans.ts";
import remind from "./remind.ts";
import target from "./target.ts";
import task from "./task.ts";
import tasks from "./tasks.ts";
import undo from "./undo.ts";
import unit from "./unit.ts";
import update from "./update.ts";
import whois from "./whois.ts";

/** Every command, in the order /help lists them. */
export const commands: readonly CommandDefinition[] = [help, task, tasks, target, update, undo, history, me, whois, owner, unit, digest, exporting, chart, remind, calendar, plans, plan, importing, lang, admin];
