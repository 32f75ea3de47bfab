-- Issue 20 ("Corrections and pledges"): 告知承诺制 needs its follow-up. Every pledge (a proof replaced by the
-- applicant's signed promise) of a granted case becomes a verification task for the department, due within the
-- item's period (pledgeCheckDays, default 30 natural days after the decision), checked by data or by document, with
-- a result; a false pledge revokes what the decision issued and is recorded on the case.
CREATE TABLE "case_pledge_check" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL REFERENCES "service_case"("id"),
	"material_key" text NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"method" text,
	"note" text,
	"checked_by_user_id" bigint,
	"checked_at" timestamp with time zone,
	"revoked" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_pledge_check_status" CHECK ("status" IN ('open', 'verified', 'false')),
	CONSTRAINT "case_pledge_check_method" CHECK ("method" IS NULL OR "method" IN ('data', 'document'))
);--> statement-breakpoint
CREATE UNIQUE INDEX "case_pledge_check_case_material" ON "case_pledge_check" ("case_id", "material_key");--> statement-breakpoint
CREATE INDEX "case_pledge_check_scope" ON "case_pledge_check" ("region_code", "department_id", "status", "due_on");--> statement-breakpoint
COMMENT ON TABLE "case_pledge_check" IS '告知承诺 verification: one task per pledged material of a granted case, for its department; open until verified or found false (a false pledge revokes the licences the decision issued)';--> statement-breakpoint
COMMENT ON COLUMN "case_pledge_check"."due_on" IS 'The decision day plus the item''s pledgeCheckDays (natural days, default 30)';--> statement-breakpoint
COMMENT ON COLUMN "case_pledge_check"."method" IS 'How it was checked: data (shared data, 数据核查) or document (on-site or paper proof, 材料核查)';--> statement-breakpoint
COMMENT ON COLUMN "case_pledge_check"."revoked" IS 'The licence identifiers revoked because the pledge was false';--> statement-breakpoint
-- Pledges of cases granted before this migration get their task too, due 30 days after their decision.
INSERT INTO "case_pledge_check" ("case_id", "material_key", "region_code", "department_id", "due_on")
SELECT m."case_id", m."material_key", c."region_code", c."department_id", c."decided_on" + 30
FROM "case_material" m JOIN "service_case" c ON c."id" = m."case_id"
WHERE m."mode" = 'pledge' AND c."outcome" = '0' AND c."decided_on" IS NOT NULL
ON CONFLICT DO NOTHING;
