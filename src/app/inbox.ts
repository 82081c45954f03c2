import type { LogSink } from "../core/command.ts";
import type { Inbound } from "../core/inbound.ts";
import type { Poster } from "../scheduler/types.ts";

export interface InboxResume {
  /** Stops the periodic pass and waits for the one running (it ends after the event in hand). */
  stop(): Promise<void>;
}

/**
 * Resumes what the inbox holds for each started platform: once at start (events a killed process
 * had stored but not handled), then every `everyMs` (events whose handling instance died while
 * this one runs, once their lease ran out). A failing pass is logged and tried again next time.
 */
export function startInboxResume(inbound: Inbound, posters: Record<string, Poster>, log: LogSink, everyMs: number): InboxResume {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const pass = async (): Promise<Record<string, number>> => {
    const resumed: Record<string, number> = {};
    for (const [platform, poster] of Object.entries(posters)) {
      if (stopped) break;
      try {
        resumed[platform] = await inbound.resume(platform, poster, { stopping: () => stopped });
      } catch (err) {
        log.warn({ platform, err: err instanceof Error ? err.message : String(err) }, "inbox: resume pass failed; trying again later");
      }
    }
    return resumed;
  };
  let busy = true;
  const run = () => {
    if (busy || stopped) return; // one pass at a time; a slow one is not queued behind
    busy = true;
    running = pass().then(() => void (busy = false));
  };
  running = pass().then((resumed) => {
    busy = false;
    log.info({ resumed }, "inbox: start-up pass done");
  });
  const timer = setInterval(run, Math.max(1_000, everyMs));
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
