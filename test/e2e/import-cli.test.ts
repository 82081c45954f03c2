import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDataDir } from "../helpers/cli.ts";

/** `duban import` as an admin runs it: the JSON contract, bad input, re-import, revisions. */
describe("duban import", () => {
  const dir = tempDataDir();
  const env = { DUBAN_DATA_DIR: dir, DUBAN_SEED: "off" };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const seed = (prefix: string) => path.join(ROOT, "seeds", fs.readdirSync(path.join(ROOT, "seeds")).find((f) => f.startsWith(prefix))!);

  it("--dry-run --json prints exactly the contract on stdout and writes nothing", async () => {
    const r = await runCli(["import", "--dry-run", "--json", seed("004"), seed("002")], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { plans: Record<string, unknown>[] };
    expect(Object.keys(out)).toEqual(["plans"]);
    expect(out.plans.map((p) => p.slug)).toEqual(["cnipa-2019-tasks", "cnipa-2019-guide", "bengbu-2024-2026"]);
    for (const p of out.plans) {
      expect(Object.keys(p).sort()).toEqual(["deadlines", "issuedOn", "issuer", "period", "slug", "sourceFormat", "targets", "tasks", "title", "units", "warnings"]);
      expect(p.sourceFormat).toBe("text");
      for (const w of p.warnings as { line: number; message: string }[]) expect(w.line).toBeGreaterThan(0);
    }
    expect(fs.existsSync(path.join(dir, "pglite"))).toBe(false);
  });

  it("--dry-run and help never open the store: they work while the database is unreachable", async () => {
    const down = { DATABASE_URL: "postgresql://duban@127.0.0.1:1/duban", DUBAN_STORE_RETRIES: "1" };
    const dry = await runCli(["import", "--dry-run", seed("001")], { env: down });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^dry run: /);
    const help = await runCli(["--help"], { env: down });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain("duban import");
  });

  it("bad input: one clear line, exit 2, nothing written", async () => {
    const empty = path.join(dir, "empty.txt");
    const binary = path.join(dir, "scan.pdf");
    const noTasks = path.join(dir, "notice.txt");
    fs.writeFileSync(empty, "");
    fs.writeFileSync(binary, Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(200, 0)]));
    fs.writeFileSync(noTasks, "关于召开知识产权工作会议的通知\n各单位：定于下周一召开会议，请准时参加。\n");
    for (const [file, pattern] of [[empty, /empty|空/i], [binary, /PDF|binary|二进制/i], [noTasks, /task|任务/i]] as const) {
      const r = await runCli(["import", file, seed("001")], { env });
      expect(r.code, file).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    }
    expect(await runCli(["import", path.join(dir, "missing.txt")], { env })).toMatchObject({ code: 2 });
    expect(fs.existsSync(path.join(dir, "pglite"))).toBe(false);
  });

  it("reads .docx and .xlsx by content; refuses a scanned PDF with one line, exit 2", async () => {
    const fixture = (name: string) => path.join(ROOT, "test/fixtures/import", name);
    // A Word file sent without its extension is still read as Word.
    const renamed = path.join(dir, "plan-from-email");
    fs.copyFileSync(fixture("numbered-plan.docx"), renamed);
    const r = await runCli(["import", "--dry-run", "--json", renamed, fixture("task-table.xlsx")], { env, timeoutMs: 110_000 });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { plans: { sourceFormat: string; tasks: unknown[] }[] };
    expect(out.plans.map((p) => [p.sourceFormat, p.tasks.length])).toEqual([["docx", 5], ["xlsx", 5]]);
    const scanned = await runCli(["import", fixture("scanned.pdf")], { env, timeoutMs: 110_000 });
    expect(scanned.code).toBe(2);
    expect(scanned.stderr.trim().split("\n")).toHaveLength(1);
    expect(scanned.stderr).toMatch(/scanned\.pdf: the PDF has no text layer/);
    expect(fs.existsSync(path.join(dir, "pglite"))).toBe(false);
    // Two CLI starts; an upper bound for a loaded machine, not a speed goal.
  }, 240_000);

  it("imports, re-imports without change, and reports a revision in place", async () => {
    const first = await runCli(["import", seed("001")], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^created: shenzhen-2019-2021 .*\n +26 tasks/m);
    const again = await runCli(["import", seed("001")], { env });
    expect(again.stdout).toMatch(/^unchanged: shenzhen-2019-2021/m);
    const revised = path.join(dir, "revised.txt");
    const text = fs.readFileSync(seed("001"), "utf8").replace("市市场监管局牵头,各区政府配合", "市市场监管局牵头,市科技创新委、各区政府配合");
    fs.writeFileSync(revised, text);
    const r = await runCli(["import", "--plan-slug", "shenzhen-2019-2021", revised], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^updated: shenzhen-2019-2021/m);
    expect(r.stdout).toMatch(/^ +task 3: text, units changed$/m);
    expect(r.stdout.match(/changed$/gm)).toHaveLength(1);
  });
});
