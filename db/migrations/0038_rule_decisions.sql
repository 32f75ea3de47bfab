-- Issue 22, ADR 0034: the record of each decision of a published rule version: the inputs read, the trace of every
-- condition (value read, test, pass/fail/missing/error, the article it cites) and the plain-Chinese explanation.
-- Instant approval writes one per case (case_id); policy matching (免申即享) will write one per subject. Append-only:
-- a trigger refuses any change or deletion.
CREATE TABLE "rule_decision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rule_set_version_id" bigint NOT NULL,
	"version_hash" text NOT NULL,
	"case_id" bigint,
	"subject" text,
	"inputs" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"trace" jsonb NOT NULL,
	"explanation_zh" text NOT NULL,
	"explanation_en" text NOT NULL,
	"error" jsonb,
	"decided_by" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rule_decision_rule_set_version_id_rule_set_version_id_fk" FOREIGN KEY ("rule_set_version_id") REFERENCES "rule_set_version"("id"),
	CONSTRAINT "rule_decision_case_id_service_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "service_case"("id"),
	CONSTRAINT "rule_decision_outcome" CHECK ("outcome" IN ('grant', 'refuse', 'undecidable')),
	CONSTRAINT "rule_decision_subject" CHECK ("case_id" IS NOT NULL OR "subject" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "rule_decision_case_idx" ON "rule_decision" USING btree ("case_id");
--> statement-breakpoint
CREATE INDEX "rule_decision_subject_idx" ON "rule_decision" USING btree ("subject");
--> statement-breakpoint
CREATE INDEX "rule_decision_version_idx" ON "rule_decision" USING btree ("rule_set_version_id", "decided_at");
--> statement-breakpoint
COMMENT ON TABLE "rule_decision" IS 'Decisions of published rule versions (append-only): inputs, per-condition trace with articles, explanation; by case or subject';
--> statement-breakpoint
COMMENT ON COLUMN "rule_decision"."subject" IS 'What was decided when not a case: e.g. an organisation''s USCC in policy matching (免申即享)';
--> statement-breakpoint
CREATE FUNCTION "rule_decision_append_only"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'a rule decision is never changed or deleted (rule_decision %)', OLD."id" USING ERRCODE = 'check_violation';
END;
$fn$;
--> statement-breakpoint
CREATE TRIGGER "rule_decision_append_only" BEFORE UPDATE OR DELETE ON "rule_decision" FOR EACH ROW EXECUTE FUNCTION "rule_decision_append_only"();
