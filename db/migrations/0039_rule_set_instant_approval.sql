-- Issue 22: 秒批 (instant approval). An approval rule set names its implementation; the item admin switches it to
-- decide that implementation's applications at submission (instant_approval). At most one rule set per
-- implementation does so. The switch only has effect while the rule set has a published version.
ALTER TABLE "rule_set" ADD COLUMN "instant_approval" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "rule_set" ADD CONSTRAINT "rule_set_instant_approval" CHECK (NOT "instant_approval" OR "purpose" = 'approval');
--> statement-breakpoint
CREATE UNIQUE INDEX "rule_set_instant_idx" ON "rule_set" USING btree ("implementation_id") WHERE "instant_approval";
--> statement-breakpoint
COMMENT ON COLUMN "rule_set"."instant_approval" IS 'Decides its implementation''s applications at submission (秒批) with its published version: grant closes the case at once, anything else goes to people';
