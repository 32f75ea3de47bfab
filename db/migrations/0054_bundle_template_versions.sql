-- Issue 21, ADR 0045 (2026-12-07 addendum): a template's new version pushed down to its adoptions. An adoption
-- records which published version of its template it follows; when the template publishes a later one, the adoption
-- shows "模板已更新" with the differences until its item admin takes the changes into a new draft.
ALTER TABLE "bundle" ADD COLUMN "template_version_number" integer;
--> statement-breakpoint
UPDATE "bundle" b SET "template_version_number" = (
  SELECT v."number" FROM "bundle" t JOIN "bundle_version" v ON v."id" = t."published_version_id" WHERE t."id" = b."template_bundle_id"
) WHERE b."template_bundle_id" IS NOT NULL;
--> statement-breakpoint
COMMENT ON COLUMN "bundle"."template_version_number" IS 'For an adoption: the number of the template''s version it follows (set when adopted, and when a later one is taken into a draft)';
