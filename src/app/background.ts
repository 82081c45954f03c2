import type { Inbound } from "../core/inbound.ts";

/**
 * How long start-up work that no message waits for (the inbox's resume pass, the scheduler's
 * catch-up) waits for a first message to answer before it begins anyway.
 */
export const BACKGROUND_START_MS = 1_000;

/**
 * The inbound path, watched for its first answer: `answered` resolves once the handling of the
 * first event (its reply written, whatever the outcome) has finished.
 */
export function watchFirstAnswer(inbound: Inbound): { inbound: Inbound; answered: Promise<void> } {
  let resolve!: () => void;
  const answered = new Promise<void>((r) => (resolve = r));
  return {
    answered,
    inbound: {
      ...inbound,
      track: (what, work) => inbound.track(what, work).finally(resolve),
      receive: (event) => inbound.receive(event).finally(resolve),
    },
  };
}

export interface BackgroundStart<T> {
  /** What `start` returned; undefined when it never began (cancelled first). */
  readonly started: Promise<T | undefined>;
  /** A signal came: `start` does not begin any more; resolves with what it returned if it had begun. */
  cancel(): Promise<T | undefined>;
  /** The input ended: `start` begins now if it had not, told (by its signal) to give up instead of retrying. */
  finish(): Promise<T | undefined>;
}

/**
 * Runs `start` once the first message was answered, or `ms` after being called, or when `done`
 * resolves (a piped console input that ended: what it would have done still runs, and is then
 * stopped in order), whichever comes first; never after `cancel`. `cancel` and `finish` abort the
 * signal `start` was given.
 */
export function startInBackground<T>(start: (signal: AbortSignal) => Promise<T>, when: { answered: Promise<void>; done: Promise<void>; ms?: number }): BackgroundStart<T> {
  let cancelled = false;
  const abort = new AbortController();
  let go!: () => void;
  const waited = new Promise<void>((resolve) => (go = resolve));
  const timer = setTimeout(go, when.ms ?? BACKGROUND_START_MS);
  void when.answered.then(go);
  void when.done.then(go);
  const started = waited.then(() => {
    clearTimeout(timer);
    return cancelled ? undefined : start(abort.signal);
  });
  return {
    started,
    async cancel() {
      cancelled = true;
      abort.abort();
      go();
      return started.catch(() => undefined);
    },
    async finish() {
      abort.abort();
      go();
      return started.catch(() => undefined);
    },
  };
}
