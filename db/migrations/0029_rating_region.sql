-- A rating carries the region of its case, as it carries the case's department and item: the statistics of a
-- region-scoped supervisor then filter `rating` itself instead of looking every raw rating's case up (which made the
-- city's year report take 4.8 s at 4 million ratings, against 2 s allowed by performance-notes S3). The rollup counts
-- from the same column. A case never changes region, so the copy cannot go stale.
ALTER TABLE "rating" ADD COLUMN "region_code" text;--> statement-breakpoint
UPDATE "rating" r SET "region_code" = c."region_code" FROM "service_case" c WHERE c."id" = r."case_id";--> statement-breakpoint
ALTER TABLE "rating" ALTER COLUMN "region_code" SET NOT NULL;--> statement-breakpoint
COMMENT ON COLUMN "rating"."region_code" IS 'The region of the rated case (service_case.region_code): the scope of a region-scoped supervisor';--> statement-breakpoint
DROP INDEX IF EXISTS "rating_bad_first_idx";--> statement-breakpoint
CREATE INDEX "rating_bad_first_idx" ON "rating" USING btree ("month","department_id","implementation_id","clerk_user_id","channel","level","is_default","excluded","region_code","id") WHERE "rating"."assess_number" = 1 AND "rating"."level" NOT IN ('1', '2', '3');
