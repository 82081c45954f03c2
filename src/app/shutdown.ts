/** Exit code when the shutdown bound cut in-flight work short (documented in src/cli/main.ts). */
export const EXIT_SHUTDOWN_CUT = 3;

export interface ShutdownWatchdog {
  /** In-flight work has finished (adapters stopped); what remains is closing the store. */
  workFinished(): void;
}

/**
 * Once shutdown begins (SIGTERM/SIGINT), in-flight work (a store that stopped answering, an
 * adapter that does not stop) gets `boundMs`; past it the process logs what was pending and exits
 * with EXIT_SHUTDOWN_CUT. Once the work has finished, closing the store gets `boundMs` of its own
 * (an embedded store finishing its last write is better left to finish; a connection the network
 * swallowed must not keep the process alive), then the process exits 0. The timers never keep the
 * process alive by themselves.
 */
export function startShutdownWatchdog(boundMs: number, logger: { warn(obj: object, msg: string): void }, exit: (code: number) => void = (code) => process.exit(code)): ShutdownWatchdog {
  const arm = (pending: string, code: number) => {
    const timer = setTimeout(() => {
      logger.warn({ boundMs, pending, exitCode: code }, "shutdown bound reached; exiting without waiting further");
      exit(code);
    }, boundMs);
    timer.unref();
    return timer;
  };
  let timer = arm("in-flight work", EXIT_SHUTDOWN_CUT);
  return {
    workFinished() {
      clearTimeout(timer);
      timer = arm("closing the store", 0);
    },
  };
}
