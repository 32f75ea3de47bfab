CREATE TABLE "stored_file" (
	"digest" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "base_item" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"item_type" text NOT NULL,
	"use_level" text NOT NULL,
	"legal_basis" text DEFAULT '' NOT NULL,
	"parent_id" bigint,
	"template" jsonb,
	"local_elements" text[] DEFAULT ARRAY['place','hours','consultation','complaint']::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_import" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"dry_run" boolean NOT NULL,
	"publish" boolean DEFAULT false NOT NULL,
	"file_name" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "implementation" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"base_item_id" bigint NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"published_version_id" bigint,
	"latest_version_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"item_type" text NOT NULL,
	"service_objects" text[] DEFAULT '{}'::text[] NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_online" boolean DEFAULT false NOT NULL,
	"is_fully_online" boolean DEFAULT false NOT NULL,
	"search_vector" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "implementation_version" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"implementation_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"review_note" text,
	"reviewed_by" text,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_synonym" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"synonym" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "license_type" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"defining_body_uscc" text NOT NULL,
	"defining_body_name" text NOT NULL,
	"holder_kind" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "implementation" ADD CONSTRAINT "implementation_base_item_id_base_item_id_fk" FOREIGN KEY ("base_item_id") REFERENCES "public"."base_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation" ADD CONSTRAINT "implementation_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation" ADD CONSTRAINT "implementation_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "implementation_version" ADD CONSTRAINT "implementation_version_implementation_id_implementation_id_fk" FOREIGN KEY ("implementation_id") REFERENCES "public"."implementation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "base_item_code_idx" ON "base_item" USING btree ("code");--> statement-breakpoint
CREATE INDEX "base_item_type_idx" ON "base_item" USING btree ("item_type");--> statement-breakpoint
CREATE UNIQUE INDEX "implementation_code_idx" ON "implementation" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "implementation_unique_idx" ON "implementation" USING btree ("base_item_id","region_code","department_id");--> statement-breakpoint
CREATE INDEX "implementation_search_idx" ON "implementation" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "implementation_topics_idx" ON "implementation" USING gin ("topics");--> statement-breakpoint
CREATE INDEX "implementation_region_idx" ON "implementation" USING btree ("region_code" text_pattern_ops,"status");--> statement-breakpoint
CREATE INDEX "implementation_department_idx" ON "implementation" USING btree ("department_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "implementation_version_number_idx" ON "implementation_version" USING btree ("implementation_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "search_synonym_pair_idx" ON "search_synonym" USING btree ("term","synonym");--> statement-breakpoint
CREATE UNIQUE INDEX "license_type_code_idx" ON "license_type" USING btree ("code");--> statement-breakpoint
COMMENT ON TABLE "stored_file" IS 'Content-addressed files (SM3 digest): materials, blank forms, samples';--> statement-breakpoint
COMMENT ON TABLE "license_type" IS 'Licence types (证照类型): code = defining body USCC + 3 digits';--> statement-breakpoint
COMMENT ON TABLE "base_item" IS 'Base items (基本目录) with the harmonisation template (二次统筹)';--> statement-breakpoint
COMMENT ON TABLE "implementation" IS 'Implementations (实施清单): base item x region x department, with a search snapshot of the published version';--> statement-breakpoint
COMMENT ON TABLE "implementation_version" IS 'Versions of an implementation: every element as JSON; published versions never change';--> statement-breakpoint
COMMENT ON TABLE "search_synonym" IS 'Search synonyms (社保卡 -> 社会保障卡)';--> statement-breakpoint
COMMENT ON TABLE "catalog_import" IS 'Catalogue Excel imports: progress and every bad row';
