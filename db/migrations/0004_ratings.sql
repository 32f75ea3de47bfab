CREATE TABLE "rating" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"assess_number" integer NOT NULL,
	"level" text NOT NULL,
	"channel" text,
	"indicators" text[] NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"anonymous" boolean DEFAULT false NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"rater_user_id" bigint,
	"department_id" bigint NOT NULL,
	"implementation_id" bigint NOT NULL,
	"clerk_user_id" bigint,
	"month" date NOT NULL,
	"excluded" boolean DEFAULT false NOT NULL,
	"exclusion_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_appeal" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rating_id" bigint NOT NULL,
	"reason" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "remedy" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"rating_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"status" text NOT NULL,
	"classification" text,
	"due_on" date NOT NULL,
	"reply" text,
	"replied_at" timestamp with time zone,
	"follow_up_note" text,
	"follow_up_answer" text,
	"followed_up_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"escalated" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rating" ADD CONSTRAINT "rating_case_id_service_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."service_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating" ADD CONSTRAINT "rating_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_appeal" ADD CONSTRAINT "rating_appeal_rating_id_rating_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."rating"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remedy" ADD CONSTRAINT "remedy_rating_id_rating_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."rating"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remedy" ADD CONSTRAINT "remedy_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rating_case_number_idx" ON "rating" USING btree ("case_id","assess_number");--> statement-breakpoint
CREATE INDEX "rating_department_month_idx" ON "rating" USING btree ("department_id","month");--> statement-breakpoint
CREATE INDEX "rating_month_idx" ON "rating" USING btree ("month");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_appeal_rating_idx" ON "rating_appeal" USING btree ("rating_id");--> statement-breakpoint
CREATE UNIQUE INDEX "remedy_rating_idx" ON "remedy" USING btree ("rating_id");--> statement-breakpoint
CREATE INDEX "remedy_department_idx" ON "remedy" USING btree ("department_id","status");--> statement-breakpoint
COMMENT ON TABLE "rating" IS 'Ratings (好差评): first and follow-up per case; levels as GB/T 39046 A.8 numbers them';--> statement-breakpoint
COMMENT ON TABLE "remedy" IS 'Remedies (整改) of bad ratings, on a working-day deadline';--> statement-breakpoint
COMMENT ON TABLE "rating_appeal" IS 'Appeals (申诉复核) of mistaken or malicious ratings';
