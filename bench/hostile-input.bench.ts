import { performance } from "node:perf_hooks";
import { recognizeUpdate } from "../src/core/recognize/index.ts";
import { parseQuantity } from "../src/importer/quantity.ts";
import { round, type BenchSection } from "./lib.ts";

/**
 * Long hostile inputs (the speed half of two tests, which keep only the behaviour: a time limit in a
 * test fails on a machine whose cores are busy). The scanner once backtracked quadratically per
 * position: 1000 × 万 took seconds; each row should stay in milliseconds.
 */
const QUANTITY = ["万".repeat(3000), "1".repeat(20000), `1${" ".repeat(20000)}件`, "三".repeat(5000) + "年"];
const MESSAGES = ["#".repeat(5000), "任务".repeat(3000) + "7", "1".repeat(10_000) + "%", "1,".repeat(3000), "质押融资" + "9".repeat(400) + "亿元"];
const CTX = {
  taskNumbers: Array.from({ length: 26 }, (_, i) => String(i + 1)),
  targets: [{ id: 1, name: "知识产权质押融资金额", unit: "元" }],
};

function worst(inputs: readonly string[], run: (s: string) => unknown): number {
  let max = 0;
  for (const s of inputs) {
    const t0 = performance.now();
    run(s);
    max = Math.max(max, performance.now() - t0);
  }
  return max;
}

export async function runHostileInput(): Promise<BenchSection> {
  return {
    name: "Hostile input (longest single input)",
    rows: [
      { metric: "parseQuantity worst", value: round(worst(QUANTITY, parseQuantity)), unit: "ms", note: "goal < 1500" },
      { metric: "recognizeUpdate worst", value: round(worst(MESSAGES, (s) => recognizeUpdate(s, CTX))), unit: "ms", note: "goal < 1000" },
    ],
  };
}
