import fs from "node:fs";

const enabled = process.env.DUBAN_PHASES === "1";

/**
 * With DUBAN_PHASES=1, writes one line per start-up phase to stderr: milliseconds since the
 * process started, resident memory now and the peak so far (`npm run bench` reads them).
 */
export function phase(name: string): void {
  if (!enabled) return;
  const mib = (n: number) => Math.round((n / 1048576) * 10) / 10;
  const m = process.memoryUsage();
  let peak = NaN;
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
    if (hwm) peak = mib(Number(hwm[1]) * 1024);
  } catch {
    // not Linux: no peak
  }
  const line = { phase: name, ms: Math.round(performance.now()), rss: mib(m.rss), peak, heap: mib(m.heapUsed), buffers: mib(m.arrayBuffers) };
  process.stderr.write(`duban-phase ${JSON.stringify(line)}\n`);
}
