-- Who looked at or took away which case, and how: ids and codes only, no personal data.
-- CreateTable
CREATE TABLE "case_access_log" (
    "id" BIGSERIAL NOT NULL,
    "case_id" TEXT NOT NULL,
    "principal_kind" TEXT NOT NULL,
    "principal_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "accessed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_access_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_access_log_case_id_accessed_at_idx" ON "case_access_log"("case_id", "accessed_at");

-- CreateIndex
CREATE INDEX "case_access_log_principal_id_accessed_at_idx" ON "case_access_log"("principal_id", "accessed_at");

-- Like the case history, the access log is only ever appended to: nobody may rewrite who looked.
CREATE FUNCTION "case_access_log_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_access_log is append-only';
END;
$$;

-- CreateTrigger
CREATE TRIGGER "case_access_log_append_only"
BEFORE UPDATE OR DELETE ON "case_access_log"
FOR EACH ROW EXECUTE FUNCTION "case_access_log_refuse_change"();

-- CreateTrigger
CREATE TRIGGER "case_access_log_no_truncate"
BEFORE TRUNCATE ON "case_access_log"
FOR EACH STATEMENT EXECUTE FUNCTION "case_access_log_refuse_change"();
