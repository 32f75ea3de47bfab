CREATE TABLE "case_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"on_day" date NOT NULL,
	"actor_user_id" bigint,
	"actor_name" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_material" (
	"case_id" bigint NOT NULL,
	"material_key" text NOT NULL,
	"mode" text NOT NULL,
	"file_digest" text,
	"file_name" text,
	"pledge_text" text,
	"license_ref" text,
	"gap_due_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_material_case_id_material_key_pk" PRIMARY KEY("case_id","material_key")
);
--> statement-breakpoint
CREATE TABLE "case_number_sequence" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_number_sequence_region_code_day_pk" PRIMARY KEY("region_code","day")
);
--> statement-breakpoint
CREATE TABLE "case_step" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"step_key" text NOT NULL,
	"name" text NOT NULL,
	"department_id" bigint NOT NULL,
	"status" text NOT NULL,
	"assignee_user_id" bigint,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"result" text,
	"opinion" text
);
--> statement-breakpoint
CREATE TABLE "notification" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"case_id" bigint,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_case" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"number" text,
	"implementation_id" bigint NOT NULL,
	"implementation_version_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"channel" text NOT NULL,
	"owner_user_id" bigint,
	"agent_user_id" bigint,
	"agent_authorisation" text,
	"entered_by_user_id" bigint,
	"applicant_kind" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_type" text NOT NULL,
	"applicant_id_number" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"form_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"received_at" timestamp with time zone,
	"received_on" date,
	"accepted_on" date,
	"deemed_accepted" boolean DEFAULT false NOT NULL,
	"current_step_key" text,
	"outcome" text,
	"outcome_reason" text,
	"decided_on" date,
	"delivery_method" text,
	"tracking_number" text,
	"delivered_on" date,
	"visits" integer DEFAULT 0 NOT NULL,
	"notified_warning" text DEFAULT 'none' NOT NULL,
	"warning_checked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "stored_file" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_service_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."service_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_material" ADD CONSTRAINT "case_material_case_id_service_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."service_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_step" ADD CONSTRAINT "case_step_case_id_service_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."service_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_step" ADD CONSTRAINT "case_step_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_step" ADD CONSTRAINT "case_step_assignee_user_id_app_user_id_fk" FOREIGN KEY ("assignee_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification" ADD CONSTRAINT "notification_case_id_service_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."service_case"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_case" ADD CONSTRAINT "service_case_implementation_id_implementation_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_case" ADD CONSTRAINT "service_case_implementation_version_id_implementation_version_id_fk" FOREIGN KEY ("implementation_version_id") REFERENCES "public"."implementation_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_case" ADD CONSTRAINT "service_case_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_case" ADD CONSTRAINT "service_case_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_case" ADD CONSTRAINT "service_case_owner_user_id_app_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_case" ADD CONSTRAINT "service_case_agent_user_id_app_user_id_fk" FOREIGN KEY ("agent_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_case" ADD CONSTRAINT "service_case_entered_by_user_id_app_user_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_event_case_idx" ON "case_event" USING btree ("case_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_step_position_idx" ON "case_step" USING btree ("case_id","position");--> statement-breakpoint
CREATE INDEX "case_step_queue_idx" ON "case_step" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "notification_user_idx" ON "notification" USING btree ("user_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_case_number_idx" ON "service_case" USING btree ("number");--> statement-breakpoint
CREATE INDEX "service_case_owner_idx" ON "service_case" USING btree ("owner_user_id","id");--> statement-breakpoint
CREATE INDEX "service_case_agent_idx" ON "service_case" USING btree ("agent_user_id","id");--> statement-breakpoint
CREATE INDEX "service_case_status_idx" ON "service_case" USING btree ("status","region_code");--> statement-breakpoint
CREATE INDEX "service_case_department_idx" ON "service_case" USING btree ("department_id","status");--> statement-breakpoint
CREATE INDEX "service_case_applicant_idx" ON "service_case" USING btree ("applicant_id_number");--> statement-breakpoint
UPDATE "stored_file" SET "is_public" = true;--> statement-breakpoint
COMMENT ON TABLE "service_case" IS 'Cases (办件): one application and its handling; the clock is computed from case_event';--> statement-breakpoint
COMMENT ON TABLE "case_material" IS 'Materials of a case: upload, pledge (告知承诺), licence, or gap (容缺) with its due date';--> statement-breakpoint
COMMENT ON TABLE "case_event" IS 'Every event of a case, in order: the statutory clock is a pure function of these';--> statement-breakpoint
COMMENT ON TABLE "case_step" IS 'The handling steps of a case, run in order by the department reviewers';--> statement-breakpoint
COMMENT ON TABLE "case_number_sequence" IS 'Daily case-number sequences per region';--> statement-breakpoint
COMMENT ON TABLE "notification" IS 'In-app notifications (warnings, notices to applicants)';
