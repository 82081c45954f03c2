import net from "node:net";

export type ProxyMode = "pass" | "cut" | "blackhole";

/**
 * A loopback TCP proxy in front of a real server (PostgreSQL in the store suites) that a test can
 * switch between three network conditions:
 * - `pass`: bytes flow both ways (new connections; see blackhole for the ones before);
 * - `cut`: every open connection is destroyed (the client sees a reset), and new ones are
 *   accepted and destroyed at once — a server that went away;
 * - `blackhole`: every open connection and every new one stays open and swallows whatever is
 *   sent either way, end-of-stream included — a network that drops packets. A connection that
 *   was blackholed stays so after `pass()` (its state on the way was lost); the client has to
 *   give it up and open another.
 */
export interface TcpProxy {
  port: number;
  readonly mode: ProxyMode;
  /** Connections opened through the proxy so far. */
  readonly accepted: number;
  /** Bytes a blackhole swallowed so far (either way): something was sent and never arrived. */
  readonly swallowed: number;
  pass(): void;
  cut(): Promise<void>;
  blackhole(): void;
  /**
   * Passes until the client sends bytes containing `marker` (e.g. "COMMIT"): those still reach
   * the server, then everything is blackholed — the server did the work, its answer is lost.
   */
  blackholeAfter(marker: string): void;
  close(): Promise<void>;
}

interface Link {
  client: net.Socket;
  upstream?: net.Socket;
  dropping: boolean;
}

export async function startProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const links = new Set<Link>();
  let mode: ProxyMode = "pass";
  let accepted = 0;
  let swallowed = 0;
  let trap: string | undefined;
  const blackhole = () => {
    mode = "blackhole";
    trap = undefined;
    for (const link of links) link.dropping = true;
  };
  const destroy = (link: Link) => {
    links.delete(link);
    link.client.destroy();
    link.upstream?.destroy();
  };
  // allowHalfOpen: a client's end-of-stream is forwarded by hand (or swallowed when blackholed).
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    accepted++;
    const link: Link = { client, dropping: mode === "blackhole" };
    links.add(link);
    client.on("error", () => destroy(link)).on("close", () => destroy(link));
    if (mode === "cut") return destroy(link);
    if (link.dropping) {
      // Accept, keep open, answer nothing.
      client.on("data", (d: Buffer) => void (swallowed += d.length));
      return;
    }
    const upstream = net.connect({ port: targetPort, host: targetHost, allowHalfOpen: true });
    link.upstream = upstream;
    upstream.on("error", () => !link.dropping && destroy(link)).on("close", () => !link.dropping && destroy(link));
    client.on("data", (d: Buffer) => {
      if (link.dropping) return void (swallowed += d.length);
      upstream.write(d);
      if (trap !== undefined && d.includes(trap)) blackhole();
    });
    upstream.on("data", (d: Buffer) => void (link.dropping ? (swallowed += d.length) : client.write(d)));
    client.on("end", () => void (link.dropping || upstream.end()));
    upstream.on("end", () => void (link.dropping || client.end()));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as net.AddressInfo).port,
    get mode() {
      return mode;
    },
    get accepted() {
      return accepted;
    },
    get swallowed() {
      return swallowed;
    },
    pass() {
      mode = "pass";
    },
    async cut() {
      mode = "cut";
      for (const link of [...links]) destroy(link);
    },
    blackhole,
    blackholeAfter(marker) {
      trap = marker;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of [...links]) destroy(link);
        server.close(() => resolve());
      }),
  };
}
