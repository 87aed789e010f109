-- An officer whose families wait for weeks is reminded, with a fresh link; the reminders count from the last one.
ALTER TABLE "welfare_outreach" ADD COLUMN "reminded_at" TIMESTAMP(3);
