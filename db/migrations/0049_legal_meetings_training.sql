-- Issue 24, ADR 0042: rule of law (法治), the rest of the first slice. 三重一大 meeting records; the 学法用法 register
-- and the 普法责任清单 (published); hearings are part of a decision's public participation (in its step's record);
-- after the decision: publication and execution, then post-decision evaluations (后评估); and the one notice per
-- validity period when a document enters its last six months.
CREATE TABLE "legal_meeting" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"category" text NOT NULL,
	"subject" text NOT NULL,
	"meeting_name" text NOT NULL,
	"meeting_on" date NOT NULL,
	"members" integer NOT NULL,
	"attendees" integer NOT NULL,
	"minutes" text NOT NULL,
	"file_id" bigint,
	"decision" text NOT NULL,
	"dissent" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_meeting_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "legal_meeting_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "legal_meeting_category" CHECK ("category" IN ('major_matter', 'personnel', 'project', 'large_fund')),
	CONSTRAINT "legal_meeting_attendees" CHECK ("attendees" BETWEEN 1 AND "members")
);
--> statement-breakpoint
CREATE INDEX "legal_meeting_region_idx" ON "legal_meeting" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
CREATE INDEX "legal_meeting_on_idx" ON "legal_meeting" USING btree ("meeting_on");
--> statement-breakpoint
CREATE TABLE "legal_training" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"held_on" date NOT NULL,
	"topic" text NOT NULL,
	"kind" text NOT NULL,
	"attendance" integer NOT NULL,
	"exam_passed" integer,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_training_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "legal_training_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "legal_training_kind" CHECK ("kind" IN ('standing_meeting', 'lecture', 'exam')),
	CONSTRAINT "legal_training_passed" CHECK ("exam_passed" IS NULL OR "exam_passed" BETWEEN 0 AND "attendance")
);
--> statement-breakpoint
CREATE INDEX "legal_training_region_idx" ON "legal_training" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
CREATE TABLE "legal_duty" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"responsibilities" text NOT NULL,
	"audiences" text NOT NULL,
	"measures" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_duty_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "legal_duty_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "legal_duty_department_year_idx" ON "legal_duty" USING btree ("department_id", "year");
--> statement-breakpoint
CREATE TABLE "legal_decision_evaluation" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"decision_id" bigint NOT NULL,
	"evaluated_on" date NOT NULL,
	"evaluator" text NOT NULL,
	"findings" text NOT NULL,
	"conclusion" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_decision_evaluation_decision_id_legal_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "legal_decision"("id"),
	CONSTRAINT "legal_decision_evaluation_conclusion" CHECK ("conclusion" IN ('continue', 'adjust', 'stop'))
);
--> statement-breakpoint
CREATE INDEX "legal_decision_evaluation_decision_idx" ON "legal_decision_evaluation" USING btree ("decision_id", "id");
--> statement-breakpoint
ALTER TABLE "legal_decision" ADD COLUMN "published_on" date;
--> statement-breakpoint
ALTER TABLE "legal_decision" ADD COLUMN "executed_from" date;
--> statement-breakpoint
ALTER TABLE "legal_decision" DROP CONSTRAINT "legal_decision_status";
--> statement-breakpoint
ALTER TABLE "legal_decision" ADD CONSTRAINT "legal_decision_status" CHECK ("status" IN ('catalogued', 'decided', 'executing', 'stopped'));
--> statement-breakpoint
ALTER TABLE "legal_document" ADD COLUMN "expiry_notice_for" date;
