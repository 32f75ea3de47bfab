-- Issue 21, ADR 0036: applying for a bundle (一件事一次办). A bundle case is one application (one merged form, one
-- Idempotency-Key, one receipt number) under a published bundle version; it fans out into member cases of the cases
-- module. The link is the cases module's: service_case carries the id of its bundle case (a plain id, no foreign key,
-- so cases never reads bundles' tables) and the member's key, and whether the member waits for its upstream members.
CREATE TABLE "bundle_case" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"bundle_id" bigint NOT NULL,
	"bundle_version_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"channel" text NOT NULL,
	"owner_user_id" bigint,
	"agent_user_id" bigint,
	"entered_by_user_id" bigint,
	"applicant_kind" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"members" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_user_id" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"withdrawn_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_case_bundle_id_bundle_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "bundle"("id"),
	CONSTRAINT "bundle_case_bundle_version_id_bundle_version_id_fk" FOREIGN KEY ("bundle_version_id") REFERENCES "bundle_version"("id"),
	CONSTRAINT "bundle_case_status" CHECK ("status" IN ('draft', 'open', 'closed', 'withdrawn'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "bundle_case_number_idx" ON "bundle_case" USING btree ("number");
--> statement-breakpoint
CREATE UNIQUE INDEX "bundle_case_key_idx" ON "bundle_case" USING btree ("created_by_user_id", "idempotency_key");
--> statement-breakpoint
CREATE INDEX "bundle_case_owner_idx" ON "bundle_case" USING btree ("owner_user_id", "id");
--> statement-breakpoint
CREATE INDEX "bundle_case_agent_idx" ON "bundle_case" USING btree ("agent_user_id", "id");
--> statement-breakpoint
COMMENT ON TABLE "bundle_case" IS '一件事一次办: one application for a published bundle version; its member cases are service_case rows';
--> statement-breakpoint
COMMENT ON COLUMN "bundle_case"."members" IS 'The members included by the conditions: key, implementation code and version, the member case number';
--> statement-breakpoint
ALTER TABLE "service_case" ADD COLUMN "bundle_case_id" bigint;
--> statement-breakpoint
ALTER TABLE "service_case" ADD COLUMN "bundle_member_key" text;
--> statement-breakpoint
ALTER TABLE "service_case" ADD COLUMN "bundle_waiting" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
CREATE INDEX "service_case_bundle_idx" ON "service_case" USING btree ("bundle_case_id") WHERE "bundle_case_id" IS NOT NULL;
--> statement-breakpoint
COMMENT ON COLUMN "service_case"."bundle_waiting" IS 'A bundle member held (a draft) until the members it depends on are granted';
