import type { Store } from "../core/store.ts";
import type { ConsoleTranslator } from "../adapters/console/catalog.ts";

/**
 * The interactive console's first lines: which plan the console is bound to and three commands
 * worth typing first (with the plan's own first task number), then the ways out.
 */
export async function consoleWelcome(store: Store, t: ConsoleTranslator): Promise<string[]> {
  const channel = await store.getChannel("console", "console");
  const plan = channel.planId === null ? null : await store.getPlan(channel.planId);
  if (!plan) {
    const plans = await store.listPlans();
    const first = plans[0]?.slug;
    const examples = ["/plans", first ? `/plan use ${first}` : "/plan use <…>", "/help"];
    return [t("console.welcomeNoPlan"), t("console.try", { examples: examples.join("  ") }), t("console.ways")];
  }
  const number = (await store.listTaskNumbers(plan.id))[0] ?? "1";
  const examples = [`/task ${number}`, "/tasks", `/update ${number} 50%`];
  return [t("console.welcome", { plan: `${plan.title}（${plan.slug}）` }), t("console.try", { examples: examples.join("  ") }), t("console.ways")];
}
