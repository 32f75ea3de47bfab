-- Issue 21, ADR 0031: bundles (一件事一次办). A bundle is a versioned definition over published implementations:
-- members, the dependencies between them, conditions, a merged form and the bundle's own promise. A published
-- version never changes: its content, the implementation versions of its members and the reductions computed from
-- them are frozen (a trigger refuses any change), so that a bundle case can keep the version it was filed under.
CREATE TABLE "bundle" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"name" text NOT NULL,
	"published_version_id" bigint,
	"latest_version_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "bundle_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "bundle_status" CHECK ("status" IN ('draft', 'published', 'suspended', 'abolished'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bundle_code_idx" ON "bundle" USING btree ("code");
--> statement-breakpoint
CREATE INDEX "bundle_region_idx" ON "bundle" USING btree ("region_code" text_pattern_ops, "status");
--> statement-breakpoint
CREATE TABLE "bundle_version" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"bundle_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"members" jsonb,
	"reductions" jsonb,
	"created_by" text NOT NULL,
	"review_note" text,
	"reviewed_by" text,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_version_bundle_id_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "bundle"("id"),
	CONSTRAINT "bundle_version_status" CHECK ("status" IN ('draft', 'in_review', 'published', 'suspended', 'abolished', 'superseded')),
	CONSTRAINT "bundle_version_frozen" CHECK ("published_at" IS NULL OR ("members" IS NOT NULL AND "reductions" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bundle_version_number_idx" ON "bundle_version" USING btree ("bundle_id", "number");
--> statement-breakpoint
COMMENT ON TABLE "bundle" IS '一件事: a bundle of implementations applied for once; the definition lives in its versions';
--> statement-breakpoint
COMMENT ON COLUMN "bundle"."department_id" IS 'The lead department (牵头部门): the bundle''s scope with its region';
--> statement-breakpoint
COMMENT ON TABLE "bundle_version" IS 'Versions of a bundle: draft, in_review, published (never changed after), suspended, abolished, superseded';
--> statement-breakpoint
COMMENT ON COLUMN "bundle_version"."content" IS 'The definition: members, dependencies, conditions, merged form fields, promise, guide texts';
--> statement-breakpoint
COMMENT ON COLUMN "bundle_version"."members" IS 'Frozen at publication: each member''s key, implementation and the implementation version it was published with';
--> statement-breakpoint
COMMENT ON COLUMN "bundle_version"."reductions" IS 'Frozen at publication: materials, days, visits, steps and fields before and after, with ratios';
--> statement-breakpoint
CREATE FUNCTION "bundle_version_frozen"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a published bundle version is never deleted (bundle_version %)', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  IF OLD."published_at" IS NOT NULL AND (
    NEW."content" IS DISTINCT FROM OLD."content" OR NEW."members" IS DISTINCT FROM OLD."members"
    OR NEW."reductions" IS DISTINCT FROM OLD."reductions" OR NEW."number" IS DISTINCT FROM OLD."number"
    OR NEW."bundle_id" IS DISTINCT FROM OLD."bundle_id" OR NEW."published_at" IS DISTINCT FROM OLD."published_at"
  ) THEN
    RAISE EXCEPTION 'a published bundle version never changes (bundle_version %)', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$fn$;
--> statement-breakpoint
CREATE TRIGGER "bundle_version_frozen" BEFORE UPDATE ON "bundle_version" FOR EACH ROW EXECUTE FUNCTION "bundle_version_frozen"();
--> statement-breakpoint
CREATE TRIGGER "bundle_version_no_delete" BEFORE DELETE ON "bundle_version" FOR EACH ROW WHEN (OLD."published_at" IS NOT NULL) EXECUTE FUNCTION "bundle_version_frozen"();
