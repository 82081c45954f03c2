/**
 * A wait for something that should happen is given at least a minute before it counts as a hang:
 * the limit only ends a hang, far above what any step takes even on a machine whose cores are busy
 * (shorter limits made tests fail there).
 */
export const WAIT_FLOOR_MS = 60_000;

/** Waits on a fake's recorded traffic (no fixed sleeps in tests): the fake calls notify() on every change. */
export class Waiter {
  private waiters: Array<() => void> = [];

  constructor(private readonly name: string) {}

  /** Resolves with `pred`'s first truthy answer, checked on every change and every 50 ms. */
  async waitFor<T>(pred: () => T | undefined | null | false, timeoutMs = WAIT_FLOOR_MS): Promise<T> {
    const deadline = Date.now() + Math.max(timeoutMs, WAIT_FLOOR_MS);
    for (;;) {
      const v = pred();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`${this.name}.waitFor timed out: ${pred.toString().slice(0, 120)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
}
