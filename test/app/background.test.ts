import { describe, expect, it } from "vitest";
import { startInBackground } from "../../src/app/background.ts";

/** The inbox's resume pass and the scheduler start after the first answer (src/cli/run.ts). */
describe("start-up work after the first answer", () => {
  const never = new Promise<void>(() => undefined);
  const gate = () => {
    let open!: () => void;
    return { promise: new Promise<void>((r) => (open = r)), open: () => open() };
  };

  it("waits for the first answer, then starts once", async () => {
    const answered = gate();
    let starts = 0;
    const bg = startInBackground(async () => ++starts, { answered: answered.promise, done: never, ms: 60_000 });
    await new Promise((r) => setTimeout(r, 20));
    expect(starts).toBe(0);
    answered.open();
    expect(await bg.started).toBe(1);
    expect(starts).toBe(1);
  });

  it("starts without an answer after its delay, and when the input has ended", async () => {
    expect(await startInBackground(async () => "late", { answered: never, done: never, ms: 10 }).started).toBe("late");
    const done = gate();
    const bg = startInBackground(async () => "catch-up", { answered: never, done: done.promise, ms: 60_000 });
    done.open();
    expect(await bg.started).toBe("catch-up");
  });

  it("finish (the input ended) starts it at once, told not to retry", async () => {
    const bg = startInBackground(async (signal) => (signal.aborted ? "once, no retries" : "retrying"), { answered: never, done: never, ms: 60_000 });
    expect(await bg.finish()).toBe("once, no retries");
  });

  it("a signal before the start: it never starts; after it: cancel waits for it and returns it", async () => {
    let starts = 0;
    const early = startInBackground(async () => ++starts, { answered: never, done: never, ms: 60_000 });
    expect(await early.cancel()).toBeUndefined();
    expect(await early.started).toBeUndefined();
    expect(starts).toBe(0);

    const answered = gate();
    const slow = gate();
    const late = startInBackground(
      async () => {
        await slow.promise;
        return "scheduler";
      },
      { answered: answered.promise, done: never, ms: 60_000 },
    );
    answered.open();
    await new Promise((r) => setTimeout(r, 10));
    const cancelled = late.cancel();
    slow.open();
    expect(await cancelled).toBe("scheduler");
  });
});
