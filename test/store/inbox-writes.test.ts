import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxEntry } from "../../src/core/store.ts";
import { createStore } from "../../src/store/index.ts";
import { BACKENDS, openTestDatabase, type TestDatabase } from "../helpers/db.ts";

const entry = (eventId: string, text = "#7 60%"): InboxEntry => ({
  platform: "fakechat",
  eventId,
  receivedAt: new Date("2026-11-20T02:00:00Z"),
  message: { platform: "fakechat", channelId: "C1", userId: "U1", userName: "王五", text, messageId: eventId },
});

for (const backend of BACKENDS) {
  describe(`inbox writes arriving together (${backend})`, () => {
    let t: TestDatabase;
    beforeAll(async () => {
      t = await openTestDatabase(backend);
    });
    afterAll(async () => t?.cleanup());

    it("events stored at once are each stored once: a second delivery in the same burst is the redelivery", async () => {
      const store = createStore(t.db);
      const lease = new Date("2026-11-20T02:01:00Z");
      const burst = [entry("e1"), entry("e2"), entry("e1"), entry("e3", "#1 完成"), entry("e2")];
      const accepted = await Promise.all(burst.map((e) => store.receiveEvent(e, lease)));
      // Whichever delivery came first is stored; the other is the redelivery.
      const storedOnce = (id: string) => accepted.filter((a, i) => a && burst[i]!.eventId === id).length;
      expect([storedOnce("e1"), storedOnce("e2"), storedOnce("e3")]).toEqual([1, 1, 1]);
      expect(await store.receiveEvent(entry("e3"), lease)).toBe(false);
      const rows = await t.db.prisma.processedEvent.findMany({ where: { platform: "fakechat" }, orderBy: { eventId: "asc" } });
      expect(rows.map((r) => [r.eventId, r.status, (r.payload as { message: { text: string } }).message.text])).toEqual([
        ["e1", "received", "#7 60%"],
        ["e2", "received", "#7 60%"],
        ["e3", "received", "#1 完成"],
      ]);
      // Marked done together; an event not in the inbox is left alone.
      const at = new Date("2026-11-20T02:00:05Z");
      await Promise.all(["e1", "e3", "nope"].map((id) => store.finishEvent("fakechat", id, at)));
      const after = await t.db.prisma.processedEvent.findMany({ where: { platform: "fakechat" }, orderBy: { eventId: "asc" } });
      expect(after.map((r) => [r.eventId, r.status, r.doneAt?.toISOString() ?? null, r.leaseUntil?.toISOString() ?? null])).toEqual([
        ["e1", "done", at.toISOString(), null],
        ["e2", "received", null, lease.toISOString()],
        ["e3", "done", at.toISOString(), null],
      ]);
    });
  });
}
