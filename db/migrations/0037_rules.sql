-- Issue 22, ADR 0034: rule sets (秒批 criteria of an implementation; later 惠企政策 conditions). A rule set is owned by
-- a department of a region (an approval rule set takes its implementation's); its definition lives in versions:
-- draft (edited), published (never changed again, known by its SM3 hash), retired. Publishing needs every golden
-- case to pass. A trigger refuses any change to a version once it left draft, except retiring it.
CREATE TABLE "rule_set" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"implementation_id" bigint,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"published_version_id" bigint,
	"latest_version_id" bigint,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_set_implementation_id_implementation_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "implementation"("id"),
	CONSTRAINT "rule_set_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "rule_set_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "rule_set_purpose" CHECK ("purpose" IN ('approval', 'policy')),
	CONSTRAINT "rule_set_approval_implementation" CHECK ("purpose" <> 'approval' OR "implementation_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rule_set_code_idx" ON "rule_set" USING btree ("code");
--> statement-breakpoint
CREATE INDEX "rule_set_region_idx" ON "rule_set" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
CREATE INDEX "rule_set_implementation_idx" ON "rule_set" USING btree ("implementation_id");
--> statement-breakpoint
CREATE TABLE "rule_set_version" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_set_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"content" jsonb NOT NULL,
	"hash" text,
	"golden_passed" boolean,
	"golden_results" jsonb,
	"created_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_set_version_rule_set_id_rule_set_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "rule_set"("id"),
	CONSTRAINT "rule_set_version_status" CHECK ("status" IN ('draft', 'published', 'retired')),
	CONSTRAINT "rule_set_version_period" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"),
	CONSTRAINT "rule_set_version_published" CHECK ("status" = 'draft' OR ("hash" IS NOT NULL AND "golden_passed" AND "published_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "rule_set_version_number_idx" ON "rule_set_version" USING btree ("rule_set_id", "number");
--> statement-breakpoint
COMMENT ON TABLE "rule_set" IS 'Rule sets: 秒批 criteria of an implementation (purpose approval) or a policy''s conditions; the definition lives in its versions';
--> statement-breakpoint
COMMENT ON COLUMN "rule_set"."department_id" IS 'The owning department: the rule set''s scope with region_code (an approval rule set takes its implementation''s)';
--> statement-breakpoint
COMMENT ON TABLE "rule_set_version" IS 'Versions of a rule set: draft, published (never changed after; decisions cite its hash), retired';
--> statement-breakpoint
COMMENT ON COLUMN "rule_set_version"."content" IS 'The definition: declared inputs (form, licence, profile, exchange), conditions (ZEN unary tests, each citing its article), golden cases';
--> statement-breakpoint
COMMENT ON COLUMN "rule_set_version"."hash" IS 'SM3 of the canonical version (rule set code, number, validity, content), fixed at publication';
--> statement-breakpoint
COMMENT ON COLUMN "rule_set_version"."golden_passed" IS 'Whether every golden case gave its expected outcome at the last run (null: not run since the last edit)';
--> statement-breakpoint
CREATE FUNCTION "rule_set_version_frozen"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a published rule set version is never deleted (rule_set_version %)', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  IF OLD."status" <> 'draft' AND (
    NEW."content" IS DISTINCT FROM OLD."content" OR NEW."hash" IS DISTINCT FROM OLD."hash"
    OR NEW."valid_from" IS DISTINCT FROM OLD."valid_from" OR NEW."valid_to" IS DISTINCT FROM OLD."valid_to"
    OR NEW."number" IS DISTINCT FROM OLD."number" OR NEW."rule_set_id" IS DISTINCT FROM OLD."rule_set_id"
    OR NEW."published_at" IS DISTINCT FROM OLD."published_at" OR NEW."golden_results" IS DISTINCT FROM OLD."golden_results"
    OR (OLD."status" = 'retired' AND NEW."status" <> 'retired') OR NEW."status" = 'draft'
  ) THEN
    RAISE EXCEPTION 'a published rule set version never changes (rule_set_version %)', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$fn$;
--> statement-breakpoint
CREATE TRIGGER "rule_set_version_frozen" BEFORE UPDATE ON "rule_set_version" FOR EACH ROW EXECUTE FUNCTION "rule_set_version_frozen"();
--> statement-breakpoint
CREATE TRIGGER "rule_set_version_no_delete" BEFORE DELETE ON "rule_set_version" FOR EACH ROW WHEN (OLD."status" <> 'draft') EXECUTE FUNCTION "rule_set_version_frozen"();
