-- The nightly reconciliation of the civil registry with the school roll and the cases.
-- CreateTable
CREATE TABLE "reconciliation_runs" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "auto_start" BOOLEAN NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "reconciliation_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reconciliation_results" (
    "run_id" TEXT NOT NULL,
    "kecamatan" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "residents" INTEGER NOT NULL DEFAULT 0,
    "enrolled" INTEGER NOT NULL DEFAULT 0,
    "not_on_roll" INTEGER NOT NULL DEFAULT 0,
    "left_school" INTEGER NOT NULL DEFAULT 0,
    "already_in_case" INTEGER NOT NULL DEFAULT 0,
    "already_raised" INTEGER NOT NULL DEFAULT 0,
    "dismissed" INTEGER NOT NULL DEFAULT 0,
    "new_candidates" INTEGER NOT NULL DEFAULT 0,
    "cases_started" INTEGER NOT NULL DEFAULT 0,
    "at_risk_households" INTEGER NOT NULL DEFAULT 0,
    "already_flagged" INTEGER NOT NULL DEFAULT 0,
    "registry_errors" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "pages_read" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "reconciliation_results_pkey" PRIMARY KEY ("run_id","kecamatan")
);

-- CreateTable
CREATE TABLE "reconciliation_roll_entries" (
    "run_id" TEXT NOT NULL,
    "nik_hash" TEXT NOT NULL,
    "kecamatan" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "exit_type" TEXT,
    "exit_date" TEXT,
    "npsn" TEXT NOT NULL,
    "school_name" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,

    CONSTRAINT "reconciliation_roll_entries_pkey" PRIMARY KEY ("run_id","nik_hash")
);

-- CreateTable
CREATE TABLE "reconciliation_candidates" (
    "id" TEXT NOT NULL,
    "nik_hash" TEXT NOT NULL,
    "open_nik_hash" TEXT,
    "kecamatan" TEXT NOT NULL,
    "desa" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "nik" TEXT NOT NULL,
    "no_kk" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "birth_date" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "last_school" JSONB,
    "raised_in_run" TEXT NOT NULL,
    "raised_at" TIMESTAMP(3) NOT NULL,
    "decided_at" TIMESTAMP(3),
    "decided_by" TEXT,
    "dismiss_reason" TEXT,
    "note" TEXT,
    "dismissed_until" TIMESTAMP(3),
    "case_id" TEXT,
    "review_id" TEXT,

    CONSTRAINT "reconciliation_candidates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "welfare_outreach" (
    "id" TEXT NOT NULL,
    "household_hash" TEXT NOT NULL,
    "open_household_hash" TEXT,
    "kecamatan" TEXT NOT NULL,
    "desa" TEXT NOT NULL,
    "no_kk" TEXT NOT NULL,
    "decile" INTEGER NOT NULL,
    "programmes" TEXT[],
    "children" INTEGER NOT NULL,
    "officer_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "raised_in_run" TEXT NOT NULL,
    "raised_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "welfare_outreach_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "welfare_outreach_open_household_hash_key" ON "welfare_outreach"("open_household_hash");

-- CreateIndex
CREATE INDEX "welfare_outreach_kecamatan_status_idx" ON "welfare_outreach"("kecamatan", "status");

-- CreateIndex
CREATE INDEX "welfare_outreach_officer_id_status_idx" ON "welfare_outreach"("officer_id", "status");

-- CreateIndex
CREATE INDEX "reconciliation_runs_started_at_idx" ON "reconciliation_runs"("started_at");

-- A child is raised once while their candidate stands: the open key is unique, and null (allowed many times) once dismissed.
-- CreateIndex
CREATE UNIQUE INDEX "reconciliation_candidates_open_nik_hash_key" ON "reconciliation_candidates"("open_nik_hash");

-- CreateIndex
CREATE INDEX "reconciliation_candidates_nik_hash_idx" ON "reconciliation_candidates"("nik_hash");

-- CreateIndex
CREATE INDEX "reconciliation_candidates_kecamatan_status_idx" ON "reconciliation_candidates"("kecamatan", "status");

-- AddForeignKey
ALTER TABLE "reconciliation_results" ADD CONSTRAINT "reconciliation_results_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "reconciliation_runs"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
