-- Units keep the document's order within a task (0 for rows written before this column existed).
ALTER TABLE "TaskUnit" ADD COLUMN "position" INTEGER NOT NULL DEFAULT 0;
