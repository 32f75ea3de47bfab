-- Issue 23, ADR 0043: data demands (数据需求) answered on a clock, and loads that stream: xlsx besides CSV and JSON
-- lines, the rows done so far (progress a page polls), and a staging table the checked rows wait in, in committed
-- batches, until one statement merges them into the collected table (nothing half-loaded).
CREATE TABLE "exchange_demand" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"legal_basis" text NOT NULL,
	"wanted_fields" jsonb NOT NULL,
	"consumer_region_code" text NOT NULL,
	"consumer_department_id" bigint NOT NULL,
	"provider_region_code" text NOT NULL,
	"provider_department_id" bigint NOT NULL,
	"status" text DEFAULT 'filed' NOT NULL,
	"due_date" date NOT NULL,
	"answer" text,
	"resource_id" bigint,
	"answered_by" text,
	"answered_on" date,
	"fulfilled_at" timestamp with time zone,
	"requested_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_demand_consumer_department_id_department_id_fk" FOREIGN KEY ("consumer_department_id") REFERENCES "department"("id"),
	CONSTRAINT "exchange_demand_provider_department_id_department_id_fk" FOREIGN KEY ("provider_department_id") REFERENCES "department"("id"),
	CONSTRAINT "exchange_demand_resource_id_exchange_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "exchange_resource"("id"),
	CONSTRAINT "exchange_demand_status" CHECK ("status" IN ('filed', 'accepted', 'refused', 'fulfilled')),
	CONSTRAINT "exchange_demand_answered" CHECK ("status" = 'filed' OR ("answer" IS NOT NULL AND "answered_on" IS NOT NULL)),
	CONSTRAINT "exchange_demand_fulfilled" CHECK ("status" <> 'fulfilled' OR "resource_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "exchange_demand_consumer_idx" ON "exchange_demand" USING btree ("consumer_department_id", "id");
--> statement-breakpoint
CREATE INDEX "exchange_demand_provider_idx" ON "exchange_demand" USING btree ("provider_department_id", "id");
--> statement-breakpoint
CREATE INDEX "exchange_demand_resource_idx" ON "exchange_demand" USING btree ("resource_id");
--> statement-breakpoint
COMMENT ON TABLE "exchange_demand" IS '数据需求: a consumer department''s demand for data not in the catalogue (what, why, legal basis, fields wanted) to a provider department, due in working days; filed → accepted (→ fulfilled once its resource is published) or refused with reasons';
--> statement-breakpoint
CREATE UNLOGGED TABLE "exchange_load_row" (
	"load_id" bigint NOT NULL,
	"record_key" text NOT NULL,
	"row_no" integer NOT NULL,
	"data" jsonb NOT NULL,
	CONSTRAINT "exchange_load_row_pk" PRIMARY KEY("load_id","record_key")
);
--> statement-breakpoint
COMMENT ON TABLE "exchange_load_row" IS 'The checked rows of a running load (unlogged: scratch that a crash empties, as it ends the load that was running), committed batch by batch, merged into exchange_record in one statement when the file ends, then deleted; the primary key finds a key repeated within a load';
--> statement-breakpoint
ALTER TABLE "exchange_load" ADD COLUMN "rows_done" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "exchange_load" ADD COLUMN "finished_at" timestamp with time zone;
--> statement-breakpoint
COMMENT ON COLUMN "exchange_load"."rows_done" IS 'Rows read and checked so far (progress of a running load)';
--> statement-breakpoint
ALTER TABLE "exchange_load" DROP CONSTRAINT "exchange_load_format";
--> statement-breakpoint
ALTER TABLE "exchange_load" ADD CONSTRAINT "exchange_load_format" CHECK ("format" IN ('csv', 'jsonl', 'xlsx'));
--> statement-breakpoint
ALTER TABLE "exchange_load" DROP CONSTRAINT "exchange_load_status";
--> statement-breakpoint
ALTER TABLE "exchange_load" ADD CONSTRAINT "exchange_load_status" CHECK ("status" IN ('running', 'loaded', 'refused', 'failed'));
