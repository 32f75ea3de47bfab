-- Issue 21, ADR 0037: one acceptance at the general window (一窗受理), one correction notice across the members
-- (一次性告知), the bundle's policy when a member is denied, one delivery (一窗出件) and one rating of the bundle case.
-- The member cases stay the cases module's; what the window did once for all of them is kept on the bundle case.
ALTER TABLE "bundle_case" DROP CONSTRAINT "bundle_case_status";
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD CONSTRAINT "bundle_case_status" CHECK ("status" IN ('draft', 'open', 'closed', 'withdrawn', 'refused'));
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD COLUMN "accepted_on" date;
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD COLUMN "accepted_by_user_id" bigint;
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD COLUMN "refused_reason" text;
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD COLUMN "correction" jsonb;
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD COLUMN "corrections" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD COLUMN "partial_outcomes" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD COLUMN "delivery" jsonb;
--> statement-breakpoint
ALTER TABLE "bundle_case" ADD COLUMN "rating" jsonb;
--> statement-breakpoint
CREATE INDEX "bundle_case_window_idx" ON "bundle_case" USING btree ("region_code" text_pattern_ops, "status", "id");
--> statement-breakpoint
COMMENT ON COLUMN "bundle_case"."correction" IS 'The open correction notice across the members (一次性告知): its items by member; null when none is open';
--> statement-breakpoint
COMMENT ON COLUMN "bundle_case"."partial_outcomes" IS 'Members denied (or otherwise not granted) and what the bundle''s policy did to the members depending on them';
--> statement-breakpoint
COMMENT ON COLUMN "bundle_case"."delivery" IS '一窗出件: the one delivery of every result (method, tracking number, day, clerk, member cases)';
--> statement-breakpoint
COMMENT ON COLUMN "bundle_case"."rating" IS 'The one rating of the bundle (level, day, the member cases it rated)';
--> statement-breakpoint
ALTER TABLE "rating" ADD COLUMN "bundle_case_number" text;
--> statement-breakpoint
CREATE INDEX "rating_bundle_idx" ON "rating" USING btree ("month", "bundle_case_number") WHERE "bundle_case_number" IS NOT NULL;
--> statement-breakpoint
COMMENT ON COLUMN "rating"."bundle_case_number" IS 'A rating given once for a bundle case (一键评价): the bundle case''s receipt number, on each member case''s rating';
