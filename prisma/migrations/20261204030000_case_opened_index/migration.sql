-- The case list, its CSV export and the dashboard's period filter read cases newest first by
-- (opened_at, id): keyset pages become index range scans instead of a sort of the whole table.
CREATE INDEX "cases_opened_at_id_idx" ON "cases"("opened_at", "id");
