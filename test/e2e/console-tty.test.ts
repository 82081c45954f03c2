import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, tempDataDir } from "../helpers/cli.ts";

/** util-linux `script` gives the console a real pseudo-terminal without any dependency. */
const hasScript = spawnSync("script", ["--version"], { encoding: "utf8" }).stdout?.includes("util-linux") ?? false;

describe.runIf(hasScript)("duban console in a terminal (through script(1))", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("first start speaks the console's language, welcomes with three commands, and /quit leaves with exit 0", () => {
    const seedDir = path.join(dir, "seeds");
    fs.mkdirSync(seedDir);
    const seed = fs.readdirSync(path.join(ROOT, "seeds")).find((f) => f.startsWith("002_"))!;
    fs.copyFileSync(path.join(ROOT, "seeds", seed), path.join(seedDir, seed));
    // Whole lines only: typed before the prompt exists, the terminal still delivers them in order.
    const r = spawnSync("script", ["-qfec", "node bin/duban.js console --lang zh-TW", "/dev/null"], {
      cwd: ROOT,
      input: "/plan use 蚌埠\r/quit\r",
      encoding: "utf8",
      env: { ...process.env, DUBAN_DATA_DIR: path.join(dir, "data"), DUBAN_SEED_DIR: seedDir, LOG_LEVEL: undefined, DATABASE_URL: undefined },
      timeout: 300_000,
    });
    expect(r.status, r.stdout).toBe(0);
    const out = r.stdout.replace(/\r/g, "");
    expect(out).toContain(`首次啟動：正在匯入 ${seedDir} 中的範例計畫`);
    expect(out).not.toContain("First start");
    expect(out).toContain("督辦主控台 · 還沒有選定計畫");
    expect(out).toContain("試試：/plans  /plan use bengbu-2024-2026  /help");
    expect(out).toContain("/quit、exit、退出 或 Ctrl-D 離開");
    expect(out).toContain("督辦> ");
    expect(out).toContain("本頻道已切換到計畫：蚌埠市");
  }, 320_000);
});
