-- A candidate's review has a due date, reminders and escalations, shown where coordinators decide.
-- AlterTable
ALTER TABLE "reconciliation_candidates" ADD COLUMN "due_at" TIMESTAMP(3),
ADD COLUMN "reminders_sent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "escalation_level" INTEGER NOT NULL DEFAULT 0;
