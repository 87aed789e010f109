-- CreateTable
CREATE TABLE "officers" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "agency" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "kecamatan" TEXT,
    "desa" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "officers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cases" (
    "id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "kecamatan" TEXT NOT NULL,
    "desa" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "next_deadline" TIMESTAMP(3),
    "outcome" TEXT,
    "close_reason" TEXT,
    "enrolled_npsn" TEXT,
    "enrolled_school_name" TEXT,
    "report_count" INTEGER NOT NULL DEFAULT 1,
    "opened_at" TIMESTAMP(3) NOT NULL,
    "closed_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "cases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "children" (
    "case_id" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "nik" TEXT,
    "no_kk" TEXT,
    "birth_date" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "kecamatan" TEXT NOT NULL,
    "desa" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "guardian_name" TEXT,
    "guardian_phone" TEXT,
    "guardian_email" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "children_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "case_aliases" (
    "key_hash" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_aliases_pkey" PRIMARY KEY ("key_hash")
);

-- CreateTable
CREATE TABLE "tasks" (
    "id" TEXT NOT NULL,
    "case_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "assignee_id" TEXT NOT NULL,
    "kecamatan" TEXT NOT NULL,
    "opened_at" TIMESTAMP(3) NOT NULL,
    "due_at" TIMESTAMP(3) NOT NULL,
    "escalation_level" INTEGER NOT NULL DEFAULT 0,
    "context" JSONB NOT NULL,
    "result" JSONB,
    "closed_at" TIMESTAMP(3),
    "closed_by" TEXT,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_tokens" (
    "id" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "task_row_id" TEXT NOT NULL,
    "officer_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "task_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_events" (
    "id" BIGSERIAL NOT NULL,
    "case_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "data" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "case_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "email_log" (
    "id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "case_id" TEXT,
    "task_id" TEXT,
    "recipient_id" TEXT,
    "recipient_email" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "email_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "scope" TEXT[],
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "officers_agency_role_kecamatan_idx" ON "officers"("agency", "role", "kecamatan");

-- CreateIndex
CREATE INDEX "cases_stage_kecamatan_idx" ON "cases"("stage", "kecamatan");

-- CreateIndex
CREATE INDEX "cases_kecamatan_category_idx" ON "cases"("kecamatan", "category");

-- CreateIndex
CREATE INDEX "children_nik_idx" ON "children"("nik");

-- CreateIndex
CREATE INDEX "case_aliases_case_id_idx" ON "case_aliases"("case_id");

-- CreateIndex
CREATE INDEX "tasks_assignee_id_status_idx" ON "tasks"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "tasks_status_due_at_idx" ON "tasks"("status", "due_at");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_case_id_task_id_key" ON "tasks"("case_id", "task_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_tokens_token_hash_key" ON "task_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "task_tokens_task_row_id_idx" ON "task_tokens"("task_row_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_events_case_id_event_id_key" ON "case_events"("case_id", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "case_events_case_id_sequence_key" ON "case_events"("case_id", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "email_log_idempotency_key_key" ON "email_log"("idempotency_key");

-- CreateIndex
CREATE INDEX "email_log_case_id_idx" ON "email_log"("case_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- AddForeignKey
ALTER TABLE "children" ADD CONSTRAINT "children_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_aliases" ADD CONSTRAINT "case_aliases_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "officers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_tokens" ADD CONSTRAINT "task_tokens_task_row_id_fkey" FOREIGN KEY ("task_row_id") REFERENCES "tasks"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_tokens" ADD CONSTRAINT "task_tokens_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
