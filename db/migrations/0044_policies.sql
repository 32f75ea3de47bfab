-- Issue 22, ADR 0038: 惠企政策 and 免申即享. A policy of the library (its eligibility a set of fine-grained conditions
-- in the rules' own format, each citing its article, decided by the rules core), the profiles assembled for matching
-- (an organisation's or a person's facts as the platform holds them, with the tags officers set), the benefits the
-- matching creates (免申即享, and 快申快享 offers where a condition is unknown) and the payout ledger.
CREATE TABLE "policy" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"document_number" text NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"target" text NOT NULL,
	"automatic" boolean DEFAULT false NOT NULL,
	"confirm_by" text DEFAULT 'department' NOT NULL,
	"benefit_zh" text NOT NULL,
	"amount_yuan" numeric(14, 2),
	"amount_rule_zh" text DEFAULT '' NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"hash" text,
	"created_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" text,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "policy_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "policy_target" CHECK ("target" IN ('organisation', 'person')),
	CONSTRAINT "policy_confirm_by" CHECK ("confirm_by" IN ('department', 'rules')),
	CONSTRAINT "policy_status" CHECK ("status" IN ('draft', 'published', 'retired')),
	CONSTRAINT "policy_period" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from"),
	CONSTRAINT "policy_published" CHECK ("status" = 'draft' OR ("hash" IS NOT NULL AND "published_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "policy_code_idx" ON "policy" USING btree ("code");
--> statement-breakpoint
CREATE INDEX "policy_region_idx" ON "policy" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
COMMENT ON TABLE "policy" IS '惠企政策 library: a policy, its benefit and amount, and its eligibility as fine-grained conditions (the rules format, ADR 0038)';
--> statement-breakpoint
CREATE TABLE "policy_profile" (
	"subject" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"id_number" text NOT NULL,
	"name" text NOT NULL,
	"user_id" bigint,
	"region_code" text,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"unknown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"assembled_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "policy_profile_kind" CHECK ("kind" IN ('organisation', 'person'))
);
--> statement-breakpoint
CREATE INDEX "policy_profile_user_idx" ON "policy_profile" USING btree ("user_id");
--> statement-breakpoint
COMMENT ON TABLE "policy_profile" IS 'An organisation''s or person''s facts as assembled from the other modules'' doors (licences, cases, the ID number), and the tags officers set';
--> statement-breakpoint
CREATE TABLE "policy_benefit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"policy_id" bigint NOT NULL,
	"subject" text NOT NULL,
	"user_id" bigint,
	"beneficiary_name" text NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"amount_yuan" numeric(14, 2),
	"facts" jsonb NOT NULL,
	"policy_hash" text NOT NULL,
	"confirmed_by" text,
	"confirmed_by_user" text,
	"rejected_reason" text,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notified_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "policy_benefit_policy_id_policy_id_fk" FOREIGN KEY ("policy_id") REFERENCES "policy"("id"),
	CONSTRAINT "policy_benefit_subject_policy_profile_subject_fk" FOREIGN KEY ("subject") REFERENCES "policy_profile"("subject"),
	CONSTRAINT "policy_benefit_kind" CHECK ("kind" IN ('automatic', 'quick')),
	CONSTRAINT "policy_benefit_status" CHECK ("status" IN ('matched', 'notified', 'offered', 'applied', 'confirmed', 'paid', 'rejected')),
	CONSTRAINT "policy_benefit_confirmed_by" CHECK ("confirmed_by" IS NULL OR "confirmed_by" IN ('department', 'rules'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "policy_benefit_match_idx" ON "policy_benefit" USING btree ("policy_id", "subject");
--> statement-breakpoint
CREATE INDEX "policy_benefit_subject_idx" ON "policy_benefit" USING btree ("subject");
--> statement-breakpoint
CREATE INDEX "policy_benefit_scope_idx" ON "policy_benefit" USING btree ("region_code" text_pattern_ops, "department_id", "status");
--> statement-breakpoint
COMMENT ON TABLE "policy_benefit" IS '免申即享 benefit (matched → notified → confirmed → paid | rejected) or 快申快享 offer (offered → applied → confirmed → paid | rejected)';
--> statement-breakpoint
COMMENT ON COLUMN "policy_benefit"."facts" IS 'The values the match read, by input key: with the published policy (frozen, policy_hash) they give the trace and explanation again';
--> statement-breakpoint
CREATE TABLE "policy_payout" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"benefit_id" bigint NOT NULL,
	"amount_yuan" numeric(14, 2) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"paid_by" text,
	CONSTRAINT "policy_payout_benefit_id_policy_benefit_id_fk" FOREIGN KEY ("benefit_id") REFERENCES "policy_benefit"("id"),
	CONSTRAINT "policy_payout_status" CHECK ("status" IN ('pending', 'paid', 'cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "policy_payout_benefit_idx" ON "policy_payout" USING btree ("benefit_id");
--> statement-breakpoint
COMMENT ON TABLE "policy_payout" IS 'The payout ledger: one entry per confirmed benefit with an amount, pending until the department marks it paid';
