-- The watchdog's findings: open cases without a running workflow, an owner or a next deadline.
-- CreateTable
CREATE TABLE "case_health_violations" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL DEFAULT '',
    "open_key" TEXT,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "first_seen_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL,
    "resolved_at" TIMESTAMP(3),
    "notified_at" TIMESTAMP(3),
    "repair_action" TEXT,
    "repaired_by" TEXT,
    "repaired_at" TIMESTAMP(3),

    CONSTRAINT "case_health_violations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "case_health_violations_open_key_key" ON "case_health_violations"("open_key");

-- CreateIndex
CREATE INDEX "case_health_violations_resolved_at_kind_idx" ON "case_health_violations"("resolved_at", "kind");

-- CreateIndex
CREATE INDEX "case_health_violations_case_id_idx" ON "case_health_violations"("case_id");

-- AddForeignKey
ALTER TABLE "case_health_violations" ADD CONSTRAINT "case_health_violations_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
