-- Issue 24, ADR 0040: rule of law (法治). Normative documents (行政规范性文件) with their versions, every step of
-- their life, public comments per article and the gapless unified numbers per issuer and year; major
-- administrative decisions (重大行政决策) of the yearly catalogue with their five statutory steps (国务院令第713号);
-- clean-up campaigns (清理); legality reviews (法制审核) of any matter with legal advisers' opinions.
CREATE TABLE "legal_document" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"title" text NOT NULL,
	"issuer_prefix" text NOT NULL,
	"number_format" text NOT NULL,
	"market_related" boolean DEFAULT false NOT NULL,
	"review_days" integer DEFAULT 15 NOT NULL,
	"validity_years" integer DEFAULT 5 NOT NULL,
	"status" text DEFAULT 'drafting' NOT NULL,
	"latest_version_id" bigint,
	"comment_opens_on" date,
	"comment_closes_on" date,
	"adoption_summary" text,
	"review_started_on" date,
	"review_opinion" text,
	"number_year" integer,
	"number_seq" integer,
	"doc_number" text,
	"published_on" date,
	"interpretation" text,
	"filing_due_on" date,
	"filed_on" date,
	"filed_with" text,
	"valid_from" date,
	"valid_until" date,
	"ended_on" date,
	"search_vector" tsvector,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_document_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "legal_document_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "legal_document_status" CHECK ("status" IN ('drafting', 'commenting', 'in_review', 'reviewed', 'deliberated', 'registered', 'in_force', 'lapsed', 'repealed')),
	CONSTRAINT "legal_document_review_days" CHECK ("review_days" BETWEEN 5 AND 15),
	CONSTRAINT "legal_document_validity_years" CHECK ("validity_years" BETWEEN 1 AND 10),
	CONSTRAINT "legal_document_numbered" CHECK ("status" NOT IN ('registered', 'in_force', 'lapsed', 'repealed') OR "doc_number" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "legal_document_region_idx" ON "legal_document" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
CREATE INDEX "legal_document_status_idx" ON "legal_document" USING btree ("status", "valid_until");
--> statement-breakpoint
CREATE UNIQUE INDEX "legal_document_number_idx" ON "legal_document" USING btree ("doc_number");
--> statement-breakpoint
CREATE INDEX "legal_document_search_idx" ON "legal_document" USING gin ("search_vector") WITH (fastupdate = off);
--> statement-breakpoint
CREATE TABLE "legal_document_version" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"articles" jsonb NOT NULL,
	"note" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_document_version_document_id_legal_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "legal_document_version_number_idx" ON "legal_document_version" USING btree ("document_id", "number");
--> statement-breakpoint
CREATE TABLE "legal_document_step" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" bigint NOT NULL,
	"action" text NOT NULL,
	"actor" text NOT NULL,
	"on_day" date NOT NULL,
	"data" jsonb NOT NULL,
	"file_id" bigint,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_document_step_document_id_legal_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id")
);
--> statement-breakpoint
CREATE INDEX "legal_document_step_document_idx" ON "legal_document_step" USING btree ("document_id", "id");
--> statement-breakpoint
CREATE TABLE "legal_comment" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"document_id" bigint NOT NULL,
	"version_id" bigint NOT NULL,
	"article_no" integer NOT NULL,
	"body" text NOT NULL,
	"author_name" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"answer" text,
	"adopted" boolean,
	"moderated_by" text,
	"moderated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_comment_document_id_legal_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id"),
	CONSTRAINT "legal_comment_version_id_legal_document_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "legal_document_version"("id"),
	CONSTRAINT "legal_comment_status" CHECK ("status" IN ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE INDEX "legal_comment_document_idx" ON "legal_comment" USING btree ("document_id", "status");
--> statement-breakpoint
CREATE TABLE "legal_number_sequence" (
	"issuer_prefix" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "legal_number_sequence_issuer_prefix_year_pk" PRIMARY KEY("issuer_prefix", "year")
);
--> statement-breakpoint
CREATE TABLE "legal_decision" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'catalogued' NOT NULL,
	"decided_on" date,
	"decision" text,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_decision_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "legal_decision_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "legal_decision_status" CHECK ("status" IN ('catalogued', 'decided'))
);
--> statement-breakpoint
CREATE INDEX "legal_decision_region_idx" ON "legal_decision" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
CREATE INDEX "legal_decision_year_idx" ON "legal_decision" USING btree ("year");
--> statement-breakpoint
CREATE TABLE "legal_decision_step" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"decision_id" bigint NOT NULL,
	"step" text NOT NULL,
	"data" jsonb NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_decision_step_decision_id_legal_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "legal_decision"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "legal_decision_step_idx" ON "legal_decision_step" USING btree ("decision_id", "step");
--> statement-breakpoint
CREATE TABLE "legal_cleanup" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"approved_on" date,
	"approved_by" text,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_cleanup_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "legal_cleanup_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "legal_cleanup_status" CHECK ("status" IN ('open', 'approved'))
);
--> statement-breakpoint
CREATE INDEX "legal_cleanup_region_idx" ON "legal_cleanup" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
CREATE TABLE "legal_cleanup_item" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"cleanup_id" bigint NOT NULL,
	"document_id" bigint NOT NULL,
	"proposal" text,
	"reason" text,
	CONSTRAINT "legal_cleanup_item_cleanup_id_legal_cleanup_id_fk" FOREIGN KEY ("cleanup_id") REFERENCES "legal_cleanup"("id"),
	CONSTRAINT "legal_cleanup_item_document_id_legal_document_id_fk" FOREIGN KEY ("document_id") REFERENCES "legal_document"("id"),
	CONSTRAINT "legal_cleanup_item_proposal" CHECK ("proposal" IS NULL OR "proposal" IN ('keep', 'amend', 'repeal', 'declare_lapsed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "legal_cleanup_item_idx" ON "legal_cleanup_item" USING btree ("cleanup_id", "document_id");
--> statement-breakpoint
CREATE TABLE "legal_adviser" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"organisation" text,
	"engaged_from" date NOT NULL,
	"engaged_until" date NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_adviser_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "legal_adviser_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "legal_adviser_kind" CHECK ("kind" IN ('adviser', 'public_lawyer')),
	CONSTRAINT "legal_adviser_period" CHECK ("engaged_until" >= "engaged_from")
);
--> statement-breakpoint
CREATE INDEX "legal_adviser_region_idx" ON "legal_adviser" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
CREATE TABLE "legal_review" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"matter_kind" text NOT NULL,
	"title" text NOT NULL,
	"submitted_on" date NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"opinion" text,
	"reviewer" text,
	"reviewed_on" date,
	"adviser_id" bigint,
	"adviser_opinion" text,
	"adviser_on" date,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_review_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "legal_review_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "legal_review_adviser_id_legal_adviser_id_fk" FOREIGN KEY ("adviser_id") REFERENCES "legal_adviser"("id"),
	CONSTRAINT "legal_review_kind" CHECK ("matter_kind" IN ('contract', 'project', 'document', 'decision', 'other')),
	CONSTRAINT "legal_review_status" CHECK ("status" IN ('pending', 'reviewed'))
);
--> statement-breakpoint
CREATE INDEX "legal_review_region_idx" ON "legal_review" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
CREATE INDEX "legal_review_submitted_idx" ON "legal_review" USING btree ("submitted_on");
--> statement-breakpoint
CREATE FUNCTION "legal_document_version_frozen"() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'a version of a normative document never changes (legal_document_version %)', OLD."id" USING ERRCODE = 'check_violation';
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER "legal_document_version_frozen" BEFORE UPDATE OR DELETE ON "legal_document_version" FOR EACH ROW EXECUTE FUNCTION "legal_document_version_frozen"();
--> statement-breakpoint
COMMENT ON TABLE "legal_document" IS 'Normative documents (行政规范性文件): drafting department, status, comment period, review clock, unified number, publication, filing, validity';
--> statement-breakpoint
COMMENT ON COLUMN "legal_document"."doc_number" IS 'The unified number (统一编号), e.g. 淮政规〔2026〕1号: number_format over issuer_prefix, number_year and number_seq';
--> statement-breakpoint
COMMENT ON COLUMN "legal_document"."search_vector" IS 'Bigram tsvector of the title, number and articles of a published document (ADR 0005), for the public library';
--> statement-breakpoint
COMMENT ON TABLE "legal_document_version" IS 'Every version of a document''s text, article by article; never changed once written';
--> statement-breakpoint
COMMENT ON TABLE "legal_document_step" IS 'Every step of a document''s life: action, who, the day, what was recorded, an optional file';
--> statement-breakpoint
COMMENT ON TABLE "legal_comment" IS 'Public comments per article, held for moderation before shown; the answer and whether adopted';
--> statement-breakpoint
COMMENT ON TABLE "legal_number_sequence" IS 'The last unified number taken per issuer prefix and year (gapless)';
--> statement-breakpoint
COMMENT ON TABLE "legal_decision" IS 'Major administrative decisions (重大行政决策) of the yearly catalogue (决策事项目录)';
--> statement-breakpoint
COMMENT ON TABLE "legal_decision_step" IS 'The five statutory steps of a decision (国务院令第713号), one record each';
--> statement-breakpoint
COMMENT ON TABLE "legal_cleanup" IS 'Clean-up campaigns (清理): the documents in force in the region when started, approved as a batch';
--> statement-breakpoint
COMMENT ON TABLE "legal_cleanup_item" IS 'A document of a campaign and its proposal (keep, amend, repeal, declare lapsed) with the reason';
--> statement-breakpoint
COMMENT ON TABLE "legal_adviser" IS 'Legal advisers (法律顾问) and government lawyers (公职律师) with their engagement period';
--> statement-breakpoint
COMMENT ON TABLE "legal_review" IS 'Legality reviews (法制审核) of any matter: the reviewer''s opinion and, recorded separately, a legal adviser''s';
