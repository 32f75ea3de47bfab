-- Issue 21 (ADR 0017, ADR 0031): what other modules may read of bundles in SQL. The statistics issue reads the
-- published bundles with their frozen reductions; a bundle case (a later issue) names the version it was filed under
-- and the member implementation versions frozen with it.
CREATE VIEW "pub_bundles_bundle" AS
  SELECT b."id", b."code", b."name", b."region_code", b."department_id", b."status", b."published_version_id",
         v."number" AS "published_number", v."reductions", v."published_at"
  FROM "bundle" b LEFT JOIN "bundle_version" v ON v."id" = b."published_version_id";
--> statement-breakpoint
CREATE VIEW "pub_bundles_bundle_version" AS
  SELECT "id", "bundle_id", "number", "status", "members", "reductions", "published_at" FROM "bundle_version";
