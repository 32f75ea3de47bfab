-- Issue 23, ADR 0047: the provider's registered endpoints (前置机/接口登记), a resource mounted (挂载) to one of them,
-- and what the call log keeps of a forwarded call (the provider's HTTP status and time), covered by the MAC and the
-- SM3 chain of each call.
CREATE TABLE "exchange_endpoint" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"method" text NOT NULL,
	"key_param" text NOT NULL,
	"timeout_ms" integer DEFAULT 3000 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_endpoint_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "exchange_endpoint_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "exchange_endpoint_method" CHECK ("method" IN ('GET', 'POST')),
	CONSTRAINT "exchange_endpoint_status" CHECK ("status" IN ('active', 'disabled')),
	CONSTRAINT "exchange_endpoint_timeout" CHECK ("timeout_ms" BETWEEN 100 AND 10000),
	CONSTRAINT "exchange_endpoint_url" CHECK ("base_url" ~ '^https?://')
);
--> statement-breakpoint
CREATE INDEX "exchange_endpoint_scope_idx" ON "exchange_endpoint" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
COMMENT ON TABLE "exchange_endpoint" IS '前置机/接口登记: an endpoint of a provider department''s system that calls of a resource mounted to it are forwarded to (base URL, GET or POST, the parameter the key goes in, a time budget); only registered, active endpoints are called';
--> statement-breakpoint
ALTER TABLE "exchange_resource" ADD COLUMN "endpoint_id" bigint;
--> statement-breakpoint
ALTER TABLE "exchange_resource" ADD CONSTRAINT "exchange_resource_endpoint_id_exchange_endpoint_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "exchange_endpoint"("id");
--> statement-breakpoint
COMMENT ON COLUMN "exchange_resource"."endpoint_id" IS '挂载: the registered endpoint of its provider that serves its calls (forwarded); null: served from its collected table (exchange_record)';
--> statement-breakpoint
ALTER TABLE "exchange_call" ADD COLUMN "provider_status" integer;
--> statement-breakpoint
ALTER TABLE "exchange_call" ADD COLUMN "provider_us" integer;
--> statement-breakpoint
COMMENT ON COLUMN "exchange_call"."provider_status" IS 'A forwarded call: the HTTP status of the provider''s last answer (null: not forwarded, or no answer — a timeout or a network error)';
--> statement-breakpoint
COMMENT ON COLUMN "exchange_call"."provider_us" IS 'A forwarded call: microseconds spent waiting for the provider, retries included (null: not forwarded)';
