/** Exit code when the shutdown bound cut in-flight work short (documented in src/cli/main.ts). */
export const EXIT_SHUTDOWN_CUT = 3;

export interface ShutdownWatchdog {
  /** In-flight work has finished (adapters stopped); what remains is closing the store. */
  workFinished(): void;
}

/**
 * Once shutdown begins (SIGTERM/SIGINT), the process ends within `boundMs` whatever it still
 * waits for: in-flight work on a store that stopped answering, a connection the network
 * swallowed, an adapter that does not stop. When the bound passes it logs what was still
 * pending and exits: 0 when in-flight work had finished (only closing remained), otherwise
 * EXIT_SHUTDOWN_CUT. The timer never keeps the process alive by itself.
 */
export function startShutdownWatchdog(boundMs: number, logger: { warn(obj: object, msg: string): void }, exit: (code: number) => void = (code) => process.exit(code)): ShutdownWatchdog {
  let finished = false;
  const timer = setTimeout(() => {
    const code = finished ? 0 : EXIT_SHUTDOWN_CUT;
    logger.warn(
      { boundMs, pending: finished ? "closing the store" : "in-flight work", exitCode: code },
      "shutdown bound reached; exiting without waiting further",
    );
    exit(code);
  }, boundMs);
  timer.unref();
  return {
    workFinished() {
      finished = true;
    },
  };
}
