-- A plan file shown to an admin for confirmation (/import, a file sent in chat): kept here, not
-- in memory, so a restart between the summary and Confirm loses nothing. Nothing of the plan is
-- written until Confirm; the row is removed on Confirm or Cancel, or once it has expired.
CREATE TABLE "PendingImport" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "sourceHash" TEXT NOT NULL,
    "plans" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PendingImport_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "PendingImport_expiresAt_idx" ON "PendingImport"("expiresAt");
