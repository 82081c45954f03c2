import { performance } from "node:perf_hooks";
import { createSlackAdapter } from "../src/adapters/slack/slack-adapter.ts";
import { FakeSlack } from "../test/fakes/slack/fake-slack.ts";
import { slashCommand } from "../test/fakes/slack/payloads.ts";
import { postToBolt } from "../test/fakes/slack/sign.ts";
import { warmCore } from "./console-latency.bench.ts";
import { percentile, round, type BenchSection } from "./lib.ts";

const SECRET = "bench-signing-secret";

/**
 * The real Bolt HTTP receiver with signature verification, on a warm store with the Shenzhen
 * seed. Floors: no-op listeners registered on the same Bolt app — ack only (verify, parse, ack),
 * and ack + respond() (the same round trip a card takes). `/task 7`: from the signed request
 * until its card arrives at the response_url, i.e. what the user waits.
 */
export async function runSlackLatency(n = 200): Promise<BenchSection> {
  const fake = await new FakeSlack().start();
  const { db, dispatcher, services } = await warmCore();
  await services.store.updateChannel("slack", "C0BENCH", { planId: (await services.store.getChannel("console", "bench")).planId });
  const adapter = createSlackAdapter({
    botToken: "xoxb-bench",
    signingSecret: SECRET,
    port: 0,
    apiUrl: fake.apiUrl,
    apiRetries: 0,
    services,
    dispatcher,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  adapter.app.command("/noop", async ({ ack }) => ack());
  adapter.app.command("/noop-respond", async ({ ack, respond }) => {
    await ack();
    await respond({ text: "ok" });
  });
  await adapter.start();
  const url = `http://127.0.0.1:${adapter.port}/slack/events`;
  let seq = 0;
  const slash = (command: string, text: string, id: string) =>
    ({ form: slashCommand({ command, text, channel: "C0BENCH", responseUrl: fake.responseUrl(id), triggerId: `trig-${id}` }) });
  async function floor(): Promise<number> {
    const t0 = performance.now();
    const res = await postToBolt(url, SECRET, slash("/noop", "", `noop-${++seq}`));
    await res.arrayBuffer();
    return performance.now() - t0;
  }
  async function untilResponded(command: string, text: string): Promise<number> {
    const id = `${command.slice(1)}-${++seq}`;
    const t0 = performance.now();
    const res = await postToBolt(url, SECRET, slash(command, text, id));
    await res.arrayBuffer();
    await fake.responded(id);
    return performance.now() - t0;
  }
  const task = () => untilResponded("/task", "7");
  const floorRespond = () => untilResponded("/noop-respond", "");
  try {
    for (let i = 0; i < 20; i++) await floor(), await floorRespond(), await task();
    const floors: number[] = [];
    const responds: number[] = [];
    const tasks: number[] = [];
    for (let i = 0; i < n; i++) {
      floors.push(await floor());
      responds.push(await floorRespond());
      tasks.push(await task());
    }
    const p = (xs: number[], q: number) => round(percentile(xs, q), 2);
    return {
      name: "Slack HTTP receiver (signature verified), sequential",
      rows: [
        { metric: "/task 7 until the card is posted p50", value: p(tasks, 50), unit: "ms" },
        { metric: "/task 7 until the card is posted p99", value: p(tasks, 99), unit: "ms" },
        { metric: "no-op command (ack only) p50", value: p(floors, 50), unit: "ms" },
        { metric: "no-op command (ack only) p99", value: p(floors, 99), unit: "ms" },
        { metric: "no-op command (ack + respond) p50", value: p(responds, 50), unit: "ms" },
        { metric: "no-op command (ack + respond) p99", value: p(responds, 99), unit: "ms" },
        { metric: "/task 7 ÷ no-op ack+respond (p50)", value: round(percentile(tasks, 50) / percentile(responds, 50)), unit: "×", note: "goal ≤ 1.3" },
        { metric: "/task 7 ÷ no-op ack+respond (p99)", value: round(percentile(tasks, 99) / percentile(responds, 99)), unit: "×", note: "goal ≤ 1.5" },
        { metric: "/task 7 ÷ no-op ack only (p50)", value: round(percentile(tasks, 50) / percentile(floors, 50)), unit: "×" },
      ],
    };
  } finally {
    await adapter.stop();
    await fake.stop();
    await db.close();
  }
}
