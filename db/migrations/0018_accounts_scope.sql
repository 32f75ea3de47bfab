-- Issue 18. A grant that named a department without its region was checked against records by department only, so it
-- covered records of any region that carry no department; new grants get the department's region, and so do the old.
UPDATE "user_role" SET "region_code" = d."region_code" FROM "department" d WHERE "user_role"."department_id" = d."id" AND "user_role"."region_code" IS NULL;--> statement-breakpoint
-- API tokens no longer live for ever: those made without an end get the default lifetime (90 days) from now.
UPDATE "auth_token" SET "expires_at" = now() + interval '90 days' WHERE "kind" = 'api' AND "expires_at" IS NULL AND "revoked_at" IS NULL;
