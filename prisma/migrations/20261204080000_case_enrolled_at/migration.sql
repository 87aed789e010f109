-- A case no longer closes at the enrolment: it is watched for months first, so "enrolled" is its own
-- moment. Cases closed at the enrolment before this change were enrolled when they closed.
ALTER TABLE "cases" ADD COLUMN "enrolled_at" TIMESTAMP(3);
UPDATE "cases" SET "enrolled_at" = "closed_at" WHERE "outcome" = 'ENROLLED';
CREATE INDEX "cases_enrolled_at_idx" ON "cases"("enrolled_at");
