-- Bulk import of children from CSV: one batch per distinct file, one row per line of it.
-- CreateTable
CREATE TABLE "import_batches" (
    "id" TEXT NOT NULL,
    "file_hash" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "uploaded_by_kind" TEXT NOT NULL,
    "uploaded_by_id" TEXT NOT NULL,
    "uploaded_by_name" TEXT NOT NULL,
    "scope" TEXT[],
    "workflow_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total_rows" INTEGER NOT NULL,
    "created_count" INTEGER NOT NULL DEFAULT 0,
    "joined_count" INTEGER NOT NULL DEFAULT 0,
    "reopened_count" INTEGER NOT NULL DEFAULT 0,
    "review_count" INTEGER NOT NULL DEFAULT 0,
    "rejected_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMP(3),
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "import_batches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_rows" (
    "id" BIGSERIAL NOT NULL,
    "batch_id" TEXT NOT NULL,
    "row_number" INTEGER NOT NULL,
    "chunk" INTEGER,
    "child_name" TEXT,
    "report" JSONB,
    "errors" JSONB NOT NULL DEFAULT '[]',
    "outcome" TEXT,
    "case_id" TEXT,
    "review_id" TEXT,
    "attempted_at" TIMESTAMP(3),
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "import_rows_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "import_batches_file_hash_key" ON "import_batches"("file_hash");

-- CreateIndex
CREATE INDEX "import_batches_created_at_idx" ON "import_batches"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "import_rows_batch_id_row_number_key" ON "import_rows"("batch_id", "row_number");

-- CreateIndex
CREATE INDEX "import_rows_batch_id_chunk_idx" ON "import_rows"("batch_id", "chunk");

-- CreateIndex
CREATE INDEX "import_rows_batch_id_outcome_idx" ON "import_rows"("batch_id", "outcome");

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "import_batches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
