-- The officer records the preventive visit: the outreach is DONE, and the household rests for a cooldown before it may be flagged again.
-- AlterTable
ALTER TABLE "welfare_outreach" ADD COLUMN "visited_on" TEXT,
ADD COLUMN "outcome" TEXT,
ADD COLUMN "note" TEXT,
ADD COLUMN "done_by" TEXT,
ADD COLUMN "done_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "welfare_outreach_household_hash_done_at_idx" ON "welfare_outreach"("household_hash", "done_at");
