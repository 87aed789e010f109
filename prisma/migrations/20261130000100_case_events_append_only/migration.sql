-- The case history is an audit log: rows are only ever appended. Refusing changes in the
-- database itself means no code path, retry or manual fix can rewrite what happened.
CREATE FUNCTION "case_events_refuse_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_events is append-only';
END;
$$;

-- CreateTrigger
CREATE TRIGGER "case_events_append_only"
BEFORE UPDATE OR DELETE ON "case_events"
FOR EACH ROW EXECUTE FUNCTION "case_events_refuse_change"();

-- CreateTrigger
CREATE TRIGGER "case_events_no_truncate"
BEFORE TRUNCATE ON "case_events"
FOR EACH STATEMENT EXECUTE FUNCTION "case_events_refuse_change"();
