-- Issue 21, ADR 0045: harmonisation of bundles across regions (二次统筹), as the catalogue does for items. A district's
-- bundle may adopt a city's bundle as its template; the city compares the template with every adoption.
ALTER TABLE "bundle" ADD COLUMN "template_bundle_id" bigint REFERENCES "bundle"("id");
--> statement-breakpoint
CREATE INDEX "bundle_template_idx" ON "bundle" USING btree ("template_bundle_id");
--> statement-breakpoint
COMMENT ON COLUMN "bundle"."template_bundle_id" IS 'The bundle of a region above whose definition this one adopted (its template); null for a template or a bundle of its own';
