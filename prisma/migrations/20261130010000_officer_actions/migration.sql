-- Officers read their emails in Bahasa Indonesia unless they ask for English.
-- AlterTable
ALTER TABLE "officers" ADD COLUMN "language" TEXT NOT NULL DEFAULT 'id';

-- A task keeps the deadline rule it opened with; tasks opened before this migration follow the current policy.
-- AlterTable
ALTER TABLE "tasks" ADD COLUMN "deadline_rule" JSONB;

-- Supervisors' reassignment links live beside the officers' task links; every existing link is a task link.
-- AlterTable
ALTER TABLE "task_tokens" ADD COLUMN "purpose" TEXT NOT NULL DEFAULT 'TASK',
ADD COLUMN "revoked_reason" TEXT;

-- CreateTable
CREATE TABLE "officer_links" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "officer_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL DEFAULT 'MY_TASKS',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "officer_links_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "officer_links_token_hash_key" ON "officer_links"("token_hash");

-- CreateIndex
CREATE INDEX "officer_links_officer_id_idx" ON "officer_links"("officer_id");

-- AddForeignKey
ALTER TABLE "officer_links" ADD CONSTRAINT "officer_links_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
