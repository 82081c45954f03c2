import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDataDir } from "../helpers/cli.ts";

/** What a new user trips over on the command line: a closed pipe, a bad PORT. */
describe("duban on the command line", () => {
  const dir = tempDataDir();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("`import --dry-run --json … | head -3` ends quietly: three lines, no EPIPE trace, exit 0", () => {
    const seeds = fs.readdirSync(path.join(ROOT, "seeds")).map((f) => path.join("seeds", f));
    // All five seeds print ~190 KB, far more than a pipe holds, so head closes it mid-write.
    const script = `node bin/duban.js import --dry-run --json ${seeds.join(" ")} 2>"$ERR" | head -3; echo "exit=\${PIPESTATUS[0]}"`;
    const errFile = path.join(dir, "stderr.txt");
    const r = spawnSync("bash", ["-c", script], { cwd: ROOT, env: { ...process.env, ERR: errFile, DUBAN_DATA_DIR: dir, DUBAN_SEED: "off" }, encoding: "utf8" });
    expect(r.stdout).toBe(`{\n  "plans": [\n    {\nexit=0\n`);
    expect(fs.readFileSync(errFile, "utf8")).toBe("");
  });

  it("a bad PORT says what a port is, in one line, and exits 1", async () => {
    const r = await runCli(["start"], { env: { PORT: "abc", DUBAN_DATA_DIR: dir, DUBAN_SEED: "off" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("duban: configuration error: PORT must be a port number (1–65535)\n");
  });
});
