-- Data walls (issue 19, ADR 0017): a module's SQL names only its own tables and the views other modules publish.
-- A published view is named pub_<owner module>_<what>, lists its columns (the published contract; a column added to
-- a table is not published until a migration adds it here) and is a plain projection or a simple join of the owner's
-- own tables, so that PostgreSQL folds it into the statement that reads it: the plans, and so the hot statements'
-- speed, are those of the tables themselves.

-- regions: 行政区划 and departments, for the names and scopes other modules show and join on.
CREATE VIEW "pub_regions_region" AS
  SELECT "code", "name", "level", "parent_code" FROM "region";--> statement-breakpoint
CREATE VIEW "pub_regions_department" AS
  SELECT "id", "name", "uscc", "region_code", "parent_id" FROM "department";--> statement-breakpoint

-- accounts: who an account is (never its password or tokens), and the grants of the active accounts.
CREATE VIEW "pub_accounts_user" AS
  SELECT u."id", u."username", u."display_name", u."id_number", u."status",
         ARRAY(SELECT r."role" FROM "user_role" r WHERE r."user_id" = u."id" ORDER BY r."id") AS "roles"
  FROM "app_user" u;--> statement-breakpoint
CREATE VIEW "pub_accounts_active_grant" AS
  SELECT u."id" AS "user_id", u."display_name", r."role", r."region_code", r."department_id"
  FROM "app_user" u JOIN "user_role" r ON r."user_id" = u."id" WHERE u."status" = 'active';--> statement-breakpoint
-- The one definition of "a department's reviewers": the active accounts holding the reviewer role in it.
CREATE VIEW "pub_accounts_department_reviewer" AS
  SELECT DISTINCT g."department_id", g."user_id", g."display_name"
  FROM "pub_accounts_active_grant" g WHERE g."role" = 'reviewer' AND g."department_id" IS NOT NULL;--> statement-breakpoint

-- catalog: implementations and their versions (the guide content a case was applied under).
CREATE VIEW "pub_catalog_implementation" AS
  SELECT "id", "code", "name", "base_item_id", "region_code", "department_id", "status", "published_version_id", "item_type"
  FROM "implementation";--> statement-breakpoint
CREATE VIEW "pub_catalog_implementation_version" AS
  SELECT "id", "implementation_id", "number", "status", "content", "published_at" FROM "implementation_version";--> statement-breakpoint

-- cases: the facts of a case that ratings and reports need (no applicant ID number, no form data), and its events.
CREATE VIEW "pub_cases_case" AS
  SELECT "id", "number", "status", "channel", "region_code", "department_id", "implementation_id", "implementation_version_id",
         "owner_user_id", "agent_user_id", "applicant_name", "contact_name", "decided_on", "delivered_on", "updated_at"
  FROM "service_case";--> statement-breakpoint
CREATE VIEW "pub_cases_event" AS
  SELECT "id", "case_id", "type", "at", "actor_user_id" FROM "case_event";--> statement-breakpoint

-- ratings: the ratings of a case as given, each with the department's reply when a bad rating was remedied.
CREATE VIEW "pub_ratings_case_rating" AS
  SELECT r."id", r."case_id", r."kind", r."assess_number", r."level", r."channel", r."indicators", r."comment", r."anonymous",
         r."is_default", r."created_at", m."reply", m."replied_at"
  FROM "rating" r LEFT JOIN "remedy" m ON m."rating_id" = r."id";
