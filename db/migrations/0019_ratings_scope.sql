-- Ratings are scoped like their cases (issue 18): the statistics of a region-scoped supervisor read the rollup by
-- the case's region, so the rollup is keyed by it too. Its counts cannot be split by region after the fact: it is
-- emptied and the refresh job counts every rating again (the statistics read what it has not counted from `rating`,
-- so the figures are right meanwhile, only slower).
DELETE FROM "rating_rollup";--> statement-breakpoint
UPDATE "rating_rollup_state" SET "through_rating_id" = 0, "refreshed_at" = NULL;--> statement-breakpoint
ALTER TABLE "rating_rollup" DROP CONSTRAINT "rating_rollup_dimension_month_department_id_key_pk";--> statement-breakpoint
ALTER TABLE "rating_rollup" ADD COLUMN "region_code" text NOT NULL;--> statement-breakpoint
ALTER TABLE "rating_rollup" ADD CONSTRAINT "rating_rollup_dimension_month_department_id_region_code_key_pk" PRIMARY KEY("dimension","month","department_id","region_code","key");--> statement-breakpoint
COMMENT ON COLUMN "rating_rollup"."region_code" IS 'The region of the rated cases (service_case.region_code): the scope of a region-scoped supervisor';--> statement-breakpoint
-- Who handed the hall tablet over for a counter rating (一次一评): the clerk signed in on it.
ALTER TABLE "rating" ADD COLUMN "counter_clerk_user_id" bigint;--> statement-breakpoint
COMMENT ON COLUMN "rating"."counter_clerk_user_id" IS 'Counter ratings: the clerk whose tablet took the rating, right after serving the case at the window';
