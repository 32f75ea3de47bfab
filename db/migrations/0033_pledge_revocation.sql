-- Issue 20 ("Corrections and pledges"), ADR 0033: a pledge (告知承诺) found false no longer revokes anything by itself.
-- The check's finding proposes; a lead of the department (another reviewer than the one who checked) decides, with a
-- reason: revoke the decision (行政许可法 art. 69 ¶2; 国办发〔2020〕42号), which revokes the licences it issued and
-- gives the applicant a 撤销决定书, or keep it where revoking would gravely harm the public interest (art. 69 ¶3).
-- Either way the false pledge is kept as a record (承诺不实记录), the basis of the credit record.
ALTER TABLE "case_pledge_check" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "case_pledge_check" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "case_pledge_check" ADD COLUMN "decided_by_user_id" bigint;--> statement-breakpoint
ALTER TABLE "case_pledge_check" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
-- Checks found false before this migration revoked at once: their decision was to revoke, by the checker.
UPDATE "case_pledge_check" SET "decision" = 'revoked', "decision_reason" = "note", "decided_by_user_id" = "checked_by_user_id", "decided_at" = "checked_at"
WHERE "status" = 'false';--> statement-breakpoint
ALTER TABLE "case_pledge_check" ADD CONSTRAINT "case_pledge_check_decision" CHECK ("decision" IS NULL OR ("status" = 'false' AND "decision" IN ('revoked', 'kept')));--> statement-breakpoint
COMMENT ON COLUMN "case_pledge_check"."decision" IS 'For a false pledge, the lead''s decision: revoked (the case''s decision and its licences) or kept (art. 69 ¶3); null while it waits';--> statement-breakpoint
CREATE TABLE "case_pledge_breach" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"check_id" bigint NOT NULL REFERENCES "case_pledge_check"("id"),
	"case_id" bigint NOT NULL REFERENCES "service_case"("id"),
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"subject_kind" text NOT NULL,
	"subject_name" text NOT NULL,
	"subject_id_type" text NOT NULL,
	"subject_id_number" text NOT NULL,
	"material_key" text NOT NULL,
	"facts" text NOT NULL,
	"consequence" text NOT NULL,
	"decided_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_pledge_breach_consequence" CHECK ("consequence" IN ('revoked', 'kept'))
);--> statement-breakpoint
CREATE UNIQUE INDEX "case_pledge_breach_check" ON "case_pledge_breach" ("check_id");--> statement-breakpoint
CREATE INDEX "case_pledge_breach_scope" ON "case_pledge_breach" ("region_code", "department_id", "decided_on");--> statement-breakpoint
CREATE INDEX "case_pledge_breach_subject" ON "case_pledge_breach" ("subject_id_number");--> statement-breakpoint
COMMENT ON TABLE "case_pledge_breach" IS '承诺不实记录: a pledge found false and confirmed by the department''s lead, with who pledged it and what followed (the basis of the credit record)';--> statement-breakpoint
INSERT INTO "case_pledge_breach" ("check_id", "case_id", "region_code", "department_id", "subject_kind", "subject_name", "subject_id_type", "subject_id_number", "material_key", "facts", "consequence", "decided_on")
SELECT p."id", p."case_id", p."region_code", p."department_id", c."applicant_kind", c."applicant_name", c."applicant_id_type", c."applicant_id_number", p."material_key",
       coalesce(p."note", ''), 'revoked', coalesce(p."checked_at"::date, CURRENT_DATE)
FROM "case_pledge_check" p JOIN "service_case" c ON c."id" = p."case_id" WHERE p."status" = 'false';
