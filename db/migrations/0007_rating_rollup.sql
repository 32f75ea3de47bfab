CREATE TABLE "rating_rollup" (
	"dimension" text NOT NULL,
	"month" date NOT NULL,
	"department_id" bigint NOT NULL,
	"key" text NOT NULL,
	"ratings" integer NOT NULL,
	"l1" integer NOT NULL,
	"l2" integer NOT NULL,
	"l3" integer NOT NULL,
	"active" integer NOT NULL,
	CONSTRAINT "rating_rollup_dimension_month_department_id_key_pk" PRIMARY KEY("dimension","month","department_id","key")
);
--> statement-breakpoint
CREATE TABLE "rating_rollup_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"through_rating_id" bigint NOT NULL,
	"refreshed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "rating_bad_first_idx" ON "rating" USING btree ("month","department_id","implementation_id","clerk_user_id","channel","level","is_default","excluded","id") WHERE "rating"."assess_number" = 1 AND "rating"."level" NOT IN ('1', '2', '3');--> statement-breakpoint
CREATE INDEX "rating_excluded_idx" ON "rating" USING btree ("month","department_id") WHERE "rating"."excluded";--> statement-breakpoint
INSERT INTO "rating_rollup_state" ("id", "through_rating_id") VALUES (1, 0);--> statement-breakpoint
COMMENT ON TABLE "rating_rollup" IS 'Counts of first ratings rated 1-3 per month, department and item, clerk or channel; ratings up to rating_rollup_state.through_rating_id';--> statement-breakpoint
COMMENT ON TABLE "rating_rollup_state" IS 'How far rating_rollup has counted (one row); the statistics read newer ratings from rating';--> statement-breakpoint
CREATE FUNCTION "rating_rollup_through"() RETURNS bigint STABLE LANGUAGE sql AS $$ SELECT COALESCE((SELECT "through_rating_id" FROM "rating_rollup_state" WHERE "id" = 1), 0) $$;--> statement-breakpoint
COMMENT ON FUNCTION "rating_rollup_through"() IS 'The rollup''s watermark; STABLE, so the planner sees its value when it plans the statistics';
