import type { App } from "@slack/bolt";

type ReceiverEvent = Parameters<App["processEvent"]>[0];

/**
 * Slack is acknowledged only once the listeners have returned, in Socket Mode and over HTTP
 * alike — the effect of Bolt's `processBeforeResponse`, which Socket Mode lacks. Bolt acks an
 * Events API delivery itself before any listener runs; here that ack (and a listener's own
 * `ack()`) is held until the listener is done, and the listeners return as soon as the event is
 * in the inbox (handling runs after, tracked). So a 200 or a socket ack means "stored": a process
 * killed before that leaves the event unacknowledged, and Slack delivers it again.
 */
export function ackAfterListeners(app: App): void {
  const processEvent = app.processEvent.bind(app);
  app.processEvent = async (event: ReceiverEvent) => {
    let held: { body: Parameters<ReceiverEvent["ack"]>[0] } | undefined;
    try {
      await processEvent({
        ...event,
        ack: async (body) => {
          held ??= { body };
        },
      });
    } finally {
      if (held) await event.ack(held.body);
    }
  };
}
