-- One chat message may update several tasks (one row each, same batch), and an edited message is
-- read again (a new revision of the same platform message id). Adding columns fires no row
-- trigger, so the append-only rule on existing rows holds.
ALTER TABLE "ProgressUpdate" ADD COLUMN "sourceRevision" TEXT NOT NULL DEFAULT '';
ALTER TABLE "ProgressUpdate" ADD COLUMN "part" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ProgressUpdate" ADD COLUMN "batch" TEXT;

DROP INDEX "ProgressUpdate_sourcePlatform_sourceMessageId_key";
CREATE UNIQUE INDEX "ProgressUpdate_sourcePlatform_sourceMessageId_sourceRevision_part_key"
  ON "ProgressUpdate"("sourcePlatform", "sourceMessageId", "sourceRevision", "part");
CREATE INDEX "ProgressUpdate_batch_idx" ON "ProgressUpdate"("batch");
