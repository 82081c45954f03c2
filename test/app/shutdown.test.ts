import { describe, expect, it } from "vitest";
import { EXIT_SHUTDOWN_CUT, startShutdownWatchdog } from "../../src/app/shutdown.ts";
import { captureLog } from "../helpers/core.ts";

/** The watchdog's decision; the real process is tested in test/e2e/shutdown.test.ts. */
describe("shutdown watchdog", () => {
  const exited = (finished: boolean) =>
    new Promise<{ code: number; lines: ReturnType<typeof captureLog>["lines"] }>((resolve) => {
      const { log, lines } = captureLog();
      const watchdog = startShutdownWatchdog(100, log, (code) => resolve({ code, lines }));
      if (finished) watchdog.workFinished();
    });

  it("cuts in-flight work short with exit 3 and a log line saying so", async () => {
    const { code, lines } = await exited(false);
    expect(code).toBe(EXIT_SHUTDOWN_CUT);
    expect(lines).toEqual([{ level: "warn", msg: "shutdown bound reached; exiting without waiting further", obj: { boundMs: 100, pending: "in-flight work", exitCode: 3 } }]);
  });

  it("once in-flight work has finished, closing the store gets a bound of its own, then exit 0", async () => {
    const { code, lines } = await exited(true);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ obj: { pending: "closing the store", exitCode: 0 } });
  });
});
