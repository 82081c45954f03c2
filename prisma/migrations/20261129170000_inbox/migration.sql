-- The event ledger becomes the inbox: an inbound event is stored with what is needed to handle
-- and answer it (the neutral message) before the platform is acknowledged, and stays "received"
-- until it was handled ("done"). Unfinished events are resumed on start; those too old to answer
-- are marked "expired" (and logged). Existing rows were handled already: "done".
ALTER TABLE "ProcessedEvent" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'done';
ALTER TABLE "ProcessedEvent" ADD COLUMN "payload" JSONB;
ALTER TABLE "ProcessedEvent" ADD COLUMN "leaseUntil" TIMESTAMPTZ(3);
ALTER TABLE "ProcessedEvent" ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ProcessedEvent" ADD COLUMN "doneAt" TIMESTAMPTZ(3);

CREATE INDEX "ProcessedEvent_platform_status_receivedAt_idx" ON "ProcessedEvent"("platform", "status", "receivedAt");
