-- Reports of children without NIK that look like a child who already has a case wait here for a coordinator's decision.
-- CreateTable
CREATE TABLE "duplicate_reviews" (
    "id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "kecamatan" TEXT NOT NULL,
    "desa" TEXT NOT NULL,
    "identity_key_hash" TEXT NOT NULL,
    "report" JSONB NOT NULL,
    "reported_by" JSONB NOT NULL,
    "candidate_case_ids" TEXT[],
    "candidates" JSONB NOT NULL,
    "request_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "due_at" TIMESTAMP(3),
    "decided_at" TIMESTAMP(3),
    "decided_by" TEXT,
    "decision_note" TEXT,
    "result_case_id" TEXT,

    CONSTRAINT "duplicate_reviews_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "duplicate_reviews_kecamatan_status_created_at_idx" ON "duplicate_reviews"("kecamatan", "status", "created_at");

-- CreateIndex
CREATE INDEX "duplicate_reviews_identity_key_hash_idx" ON "duplicate_reviews"("identity_key_hash");

-- The duplicate finder looks children up by kecamatan and a birth-date window.
-- CreateIndex
CREATE INDEX "children_kecamatan_birth_date_idx" ON "children"("kecamatan", "birth_date");
