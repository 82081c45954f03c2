import { once } from "node:events";
import type http from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";

/** Starts a fake's HTTP server on 127.0.0.1 at a port the system picks; resolves with the port. */
export async function listenLocally(server: http.Server): Promise<number> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return (server.address() as AddressInfo).port;
}

/**
 * Stops a fake: each WebSocket client closed by `closeClient` (by default "going away", 1001),
 * the WebSocket server closed, open HTTP connections dropped, the HTTP server closed.
 */
export async function closeLocally(server: http.Server, wss: WebSocketServer, closeClient: (ws: WebSocket) => void | Promise<void> = (ws) => ws.close(1001)): Promise<void> {
  await Promise.all([...wss.clients].map(closeClient));
  wss.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * Lets a WebSocket client in at `path` only with a ticket the fake handed out (each good once), as
 * the platforms' stream endpoints do; any other upgrade gets the raw HTTP `refusal`.
 */
export function acceptWithTicket(server: http.Server, wss: WebSocketServer, path: string, tickets: Set<string>, refusal: string, accept: (ws: WebSocket) => void): void {
  server.on("upgrade", (req: http.IncomingMessage, sock: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname !== path || !tickets.delete(url.searchParams.get("ticket") ?? "")) {
      sock.end(refusal);
      return;
    }
    wss.handleUpgrade(req, sock, head, accept);
  });
}
