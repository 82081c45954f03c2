import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../src/config/env.ts";
import { createLogger } from "../../src/config/logger.ts";
import { createDubanApp, type DubanApp } from "../../src/app/app.ts";
import { formatReplyText } from "../../src/adapters/console/format.ts";
import { translator } from "../../src/core/i18n/index.ts";
import { ROOT, tempDataDir } from "../helpers/cli.ts";

const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** Prose and tables only: fenced blocks are shell, not chat. */
const prose = README.replace(/^```[\s\S]*?^```/gm, "");

/**
 * Every chat example the README shows: the code spans of the "you type" column of "Using it",
 * and every other code span that starts like a command. Usage syntax (`<…>`, `[…]`) is not an
 * example; `a\|b\|c` stands for one example per alternative of the last word.
 */
export function readmeExamples(): string[] {
  const out: string[] = [];
  const usingIt = /## Using it\n([\s\S]*?)\n## /.exec(prose)![1]!;
  const typed = usingIt.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| you type") && !l.startsWith("| ---")).map((l) => l.split(/(?<!\\)\|/)[1]!);
  const spans = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const candidates = [...typed.flatMap(spans), ...spans(prose).filter((s) => /^[/!#＃／]/.test(s))];
  for (const span of candidates) {
    if (/[<[…]/.test(span)) continue;
    const [first, ...alternatives] = span.split("\\|");
    out.push(first!);
    const stem = first!.replace(/\S+$/, "");
    for (const alt of alternatives) out.push(`${stem}${alt}`);
  }
  return [...new Set(out)];
}

describe("every chat example in the README works as written on the bundled seeds", () => {
  let app: DubanApp;
  let log = "";
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _e, cb) => ((log += chunk), cb()) });
    const env = parseEnv({ DUBAN_SEED_DIR: path.join(ROOT, "seeds") });
    app = await createDubanApp({ env, logger: createLogger("info", sink), database: { kind: "memory" }, seed: true, extraAdmins: ["console:reader"] });
  }, 240_000);
  afterAll(async () => app?.close());

  it("finds the examples (the table, the free-text forms, the alternatives)", () => {
    const examples = readmeExamples();
    for (const e of ["/plan use 蚌埠", "／ｔａｓｋ　７", "7号任务 完成", "质押融资 18.6亿元", "/tasks overdue", "/digest off", "/help task"]) expect(examples).toContain(e);
    expect(examples.length).toBeGreaterThan(35);
  });

  it("none is refused, ignored or misunderstood (console user mapped to a unit, the Bengbu plan bound as the table does)", async () => {
    let seq = 0;
    const say = async (text: string) => {
      const before = log.length;
      const replies = await app.dispatcher.handle({ platform: "console", channelId: "console", userId: "reader", userName: "reader", text, messageId: `readme-${++seq}`, isDirect: true, addressed: true });
      const lines = log.slice(before).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { msg?: string; key?: string });
      return { text: replies.map((r) => formatReplyText(r, translator("zh-CN"))).join("\n"), refused: lines.filter((l) => l.msg === "command refused" || l.msg === "command failed") };
    };
    // The table's own first steps: bind the plan, and map the reader to a unit so that "mine" has tasks.
    expect((await say("/plan use 蚌埠")).refused).toEqual([]);
    expect((await say("/owner 市市场监管局 @reader")).refused).toEqual([]);
    const failures: string[] = [];
    for (const example of readmeExamples()) {
      const { text, refused } = await say(example);
      const freeText = !/^[/!／]/.test(example);
      if (!text) failures.push(`${example} → (no answer)`);
      else if (refused.length) failures.push(`${example} → refused (${refused.map((r) => r.key).join(", ")}): ${text.split("\n")[0]}`);
      else if (freeText && !/已记录|已記錄|Recorded/.test(text)) failures.push(`${example} → not recorded: ${text.split("\n")[0]}`);
    }
    expect(failures).toEqual([]);
  }, 240_000);
});

describe("the README's piped console script", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("runs as written (`printf … | npm start`) and answers every line", () => {
    const line = README.split("\n").find((l) => l.startsWith("printf ") && l.includes("| npm start"));
    expect(line).toBeDefined();
    const r = spawnSync("bash", ["-c", line!], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, DUBAN_DATA_DIR: dir, LOG_LEVEL: undefined, DATABASE_URL: undefined, SLACK_BOT_TOKEN: "", DISCORD_TOKEN: "" },
      timeout: 400_000,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("本频道已切换到计划：深圳市关于打造国家知识产权强市推动经济高质量发展的工作方案");
    expect(r.stdout).toContain("【任务 7 · ");
    expect(r.stdout).toContain("【已记录：任务 7");
    expect(r.stdout).toContain("已撤销：#7");
    expect(r.stdout).toContain("【进展记录 · 任务 7】");
    expect(r.stdout).not.toMatch(/未记录|没看懂|没有看懂|用法：|没有第/);
  }, 420_000);
});
