import { describe, expect, it } from "vitest";
import { openWithRetry } from "../../src/app/retry.ts";
import { DataDirBusyError } from "../../src/store/dir-lock.ts";
import { captureLog } from "../helpers/core.ts";
import { runCli } from "../helpers/cli.ts";

describe("store unreachable at start", () => {
  it("retries with exponential backoff, then succeeds without losing the attempt", async () => {
    const { log, lines } = captureLog();
    const waits: number[] = [];
    let calls = 0;
    const value = await openWithRetry(
      async () => {
        if (++calls < 4) throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5999"), { code: "ECONNREFUSED" });
        return "open";
      },
      log as never,
      { sleep: async (ms) => void waits.push(ms), firstDelayMs: 100, maxDelayMs: 300 },
    );
    expect(value).toBe("open");
    expect(waits).toEqual([100, 200, 300]);
    expect(lines.filter((l) => l.msg === "store unreachable, retrying")).toHaveLength(3);
  });

  it("gives up after the last attempt with the store's own error", async () => {
    const { log } = captureLog();
    await expect(
      openWithRetry(async () => Promise.reject(new Error("connect ECONNREFUSED")), log as never, { attempts: 3, sleep: async () => undefined }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });

  it("does not retry what waiting cannot fix (a data directory held by another process)", async () => {
    const { log } = captureLog();
    let calls = 0;
    await expect(
      openWithRetry(async () => {
        calls++;
        throw new DataDirBusyError("/tmp/x", 123);
      }, log as never, { sleep: async () => undefined }),
    ).rejects.toBeInstanceOf(DataDirBusyError);
    expect(calls).toBe(1);
  });

  it("the CLI names the unreachable server in one clear line and exits 1 (no crash loop)", async () => {
    const r = await runCli(["migrate"], { env: { DATABASE_URL: "postgresql://duban@127.0.0.1:1/duban", DUBAN_STORE_RETRIES: "2" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/store unreachable, retrying/);
    expect(r.stderr.trim().split("\n").at(-1)).toMatch(/^duban: .*ECONNREFUSED/);
  });
});
