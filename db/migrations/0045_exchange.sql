-- Issue 23, ADR 0039: data sharing and collection (数据共享交换, 归集). The resource catalogue (政务信息资源目录), sharing
-- requests and their grants, machine tokens, the call log (partitioned by month, SM3-chained, SM2-signed
-- checkpoints) and the collected tables (one keyed row store for every resource, each row checked against its
-- resource's fields).
CREATE TABLE "exchange_resource" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"classification" text NOT NULL,
	"sequence" text NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	"summary" text NOT NULL,
	"format" text NOT NULL,
	"fields" jsonb NOT NULL,
	"key_field" text NOT NULL,
	"sharing" text NOT NULL,
	"sharing_basis" text,
	"sharing_conditions" text,
	"sharing_method" text NOT NULL,
	"open_attribute" text NOT NULL,
	"update_cycle" text NOT NULL,
	"release_date" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_resource_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "exchange_resource_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id"),
	CONSTRAINT "exchange_resource_status" CHECK ("status" IN ('draft', 'in_review', 'published', 'retired')),
	CONSTRAINT "exchange_resource_sharing" CHECK ("sharing" IN ('open', 'conditional', 'closed')),
	CONSTRAINT "exchange_resource_basis" CHECK ("sharing" = 'open' OR "sharing_basis" IS NOT NULL),
	CONSTRAINT "exchange_resource_method" CHECK ("sharing_method" IN ('interface', 'table', 'file')),
	CONSTRAINT "exchange_resource_open" CHECK ("open_attribute" IN ('open', 'conditional', 'closed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_resource_code_idx" ON "exchange_resource" USING btree ("code");
--> statement-breakpoint
CREATE INDEX "exchange_resource_scope_idx" ON "exchange_resource" USING btree ("region_code" text_pattern_ops, "department_id");
--> statement-breakpoint
COMMENT ON TABLE "exchange_resource" IS '政务信息资源目录: a resource with its core metadata (发改高技〔2017〕1272号), its fields and 共享属性; draft → in_review → published → retired';
--> statement-breakpoint
COMMENT ON COLUMN "exchange_resource"."fields" IS '信息项: [{key, name, type: string|integer|number|date|boolean, required}]; key_field names the one collected rows are keyed by';
--> statement-breakpoint
CREATE TABLE "exchange_grant" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resource_id" bigint NOT NULL,
	"consumer_region_code" text NOT NULL,
	"consumer_department_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"legal_basis" text NOT NULL,
	"requested_fields" jsonb NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"expected_volume" integer NOT NULL,
	"status" text NOT NULL,
	"due_date" date,
	"allowed_fields" jsonb,
	"masks" jsonb,
	"rate_per_minute" integer,
	"reasons" text,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"revoked_by" text,
	"revoked_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_grant_resource_id_exchange_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "exchange_resource"("id"),
	CONSTRAINT "exchange_grant_consumer_department_id_department_id_fk" FOREIGN KEY ("consumer_department_id") REFERENCES "department"("id"),
	CONSTRAINT "exchange_grant_status" CHECK ("status" IN ('pending', 'granted', 'refused', 'revoked')),
	CONSTRAINT "exchange_grant_period" CHECK ("period_to" >= "period_from"),
	CONSTRAINT "exchange_grant_granted" CHECK ("status" NOT IN ('granted', 'revoked') OR ("allowed_fields" IS NOT NULL AND "masks" IS NOT NULL AND "rate_per_minute" IS NOT NULL)),
	CONSTRAINT "exchange_grant_refused" CHECK ("status" <> 'refused' OR "reasons" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "exchange_grant_resource_idx" ON "exchange_grant" USING btree ("resource_id", "status");
--> statement-breakpoint
CREATE INDEX "exchange_grant_consumer_idx" ON "exchange_grant" USING btree ("consumer_department_id", "status");
--> statement-breakpoint
COMMENT ON TABLE "exchange_grant" IS '共享申请 and, once granted, the grant every call is checked against: allowed fields, a mask per field, a rate limit and the validity period (period_from..period_to); revoked at once';
--> statement-breakpoint
CREATE TABLE "exchange_token" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grant_id" bigint NOT NULL,
	"department_id" bigint NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_token_grant_id_exchange_grant_id_fk" FOREIGN KEY ("grant_id") REFERENCES "exchange_grant"("id"),
	CONSTRAINT "exchange_token_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_token_hash_idx" ON "exchange_token" USING btree ("token_hash");
--> statement-breakpoint
CREATE INDEX "exchange_token_grant_idx" ON "exchange_token" USING btree ("grant_id");
--> statement-breakpoint
COMMENT ON TABLE "exchange_token" IS 'Machine tokens of a consumer department bound to one grant; only the SM3 digest of the secret is stored';
--> statement-breakpoint
CREATE TABLE "exchange_call" (
	"id" bigserial NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"xid" xid8 DEFAULT pg_current_xact_id() NOT NULL,
	"consumer_department_id" bigint,
	"provider_department_id" bigint,
	"grant_id" bigint,
	"token_id" bigint,
	"resource_id" bigint,
	"resource_code" text NOT NULL,
	"purpose" text,
	"key_digest" text,
	"status" integer NOT NULL,
	"code" text NOT NULL,
	"rows_out" integer DEFAULT 0 NOT NULL,
	"bytes_out" integer DEFAULT 0 NOT NULL,
	"duration_us" integer NOT NULL,
	"mac" text,
	CONSTRAINT "exchange_call_pk" PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE INDEX "exchange_call_xid_idx" ON "exchange_call" USING btree ("xid", "id");
--> statement-breakpoint
CREATE INDEX "exchange_call_consumer_idx" ON "exchange_call" USING btree ("consumer_department_id", "at");
--> statement-breakpoint
CREATE INDEX "exchange_call_provider_idx" ON "exchange_call" USING btree ("provider_department_id", "at");
--> statement-breakpoint
COMMENT ON TABLE "exchange_call" IS 'Every call through the platform, refused and failed ones too, written before the reply; the query keys only as their SM3 digest; partitioned by month (schema exchange_call_parts), chained by exchange_call_chain';
--> statement-breakpoint
CREATE SCHEMA IF NOT EXISTS "exchange_call_parts";
--> statement-breakpoint
COMMENT ON SCHEMA "exchange_call_parts" IS 'The monthly partitions of exchange_call (made by exchange_call_partitions, dropped by exchange_call_drop_before): read only through the parent';
--> statement-breakpoint
CREATE TABLE "exchange_call_parts"."exchange_call_default" PARTITION OF "exchange_call" DEFAULT;
--> statement-breakpoint
-- The months from a date on: each partition made once (owner's rights, so the application role may call it).
CREATE OR REPLACE FUNCTION "exchange_call_partitions"(from_month date, months integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  m date := date_trunc('month', from_month)::date;
  made integer := 0;
  part text;
BEGIN
  FOR i IN 0 .. months - 1 LOOP
    part := 'exchange_call_' || to_char(m + make_interval(months => i), 'YYYYMM');
    IF to_regclass('exchange_call_parts.' || part) IS NULL THEN
      EXECUTE format('CREATE TABLE exchange_call_parts.%I PARTITION OF public.exchange_call FOR VALUES FROM (%L) TO (%L)',
        part, m + make_interval(months => i), m + make_interval(months => i + 1));
      made := made + 1;
    END IF;
  END LOOP;
  RETURN made;
END
$fn$;
--> statement-breakpoint
-- Retention: drops the monthly partitions that end on or before the month given (the chain keeps its links; the
-- verifier starts after the last link whose call was dropped, recorded in exchange_call_head).
CREATE OR REPLACE FUNCTION "exchange_call_drop_before"(before_month date) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
DECLARE
  rel record;
  dropped integer := 0;
BEGIN
  FOR rel IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE i.inhparent = 'public.exchange_call'::regclass AND n.nspname = 'exchange_call_parts' AND c.relname ~ '^exchange_call_[0-9]{6}$'
      AND to_date(substr(c.relname, 15), 'YYYYMM') < date_trunc('month', before_month)::date
  LOOP
    EXECUTE format('DROP TABLE exchange_call_parts.%I', rel.relname);
    dropped := dropped + 1;
  END LOOP;
  RETURN dropped;
END
$fn$;
--> statement-breakpoint
SELECT "exchange_call_partitions"('2026-01-01', 36);
--> statement-breakpoint
CREATE TABLE "exchange_call_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"call_id" bigint NOT NULL,
	"call_at" timestamp with time zone NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "exchange_call_chain_call_idx" ON "exchange_call_chain" USING btree ("call_id");
--> statement-breakpoint
COMMENT ON TABLE "exchange_call_chain" IS 'The SM3 chain over the call log in sealing order: hash_n = SM3(hash_{n-1} ‖ canonical JSON of call n)';
--> statement-breakpoint
CREATE TABLE "exchange_call_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL,
	"sealed_xid" xid8 DEFAULT '0'::xid8 NOT NULL,
	"sealed_id" bigint DEFAULT 0 NOT NULL,
	"base_seq" bigint DEFAULT 0 NOT NULL,
	"base_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL,
	CONSTRAINT "exchange_call_head_one" CHECK ("id" = 1)
);
--> statement-breakpoint
INSERT INTO "exchange_call_head" ("id") VALUES (1);
--> statement-breakpoint
COMMENT ON TABLE "exchange_call_head" IS 'The call chain''s head and the sealer''s watermark; base_seq/base_hash: the last link whose call retention dropped (verification starts after it)';
--> statement-breakpoint
CREATE TABLE "exchange_call_checkpoint" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"at" text NOT NULL,
	"signature" text NOT NULL,
	"public_key_pem" text NOT NULL
);
--> statement-breakpoint
COMMENT ON TABLE "exchange_call_checkpoint" IS 'SM2-signed checkpoints of the call chain head (the platform''s checkpoint key, kind exchange-call-checkpoint)';
--> statement-breakpoint
CREATE TABLE "exchange_load" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"resource_id" bigint NOT NULL,
	"format" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"rows_in" integer NOT NULL,
	"inserted" integer NOT NULL,
	"updated" integer NOT NULL,
	"rejected" integer NOT NULL,
	"declared_count" integer,
	"stored_count" integer NOT NULL,
	"reconciliation" integer,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_load_resource_id_exchange_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "exchange_resource"("id"),
	CONSTRAINT "exchange_load_format" CHECK ("format" IN ('csv', 'jsonl')),
	CONSTRAINT "exchange_load_mode" CHECK ("mode" IN ('all_or_nothing', 'reject_bad_rows')),
	CONSTRAINT "exchange_load_status" CHECK ("status" IN ('loaded', 'refused'))
);
--> statement-breakpoint
CREATE INDEX "exchange_load_resource_idx" ON "exchange_load" USING btree ("resource_id", "id");
--> statement-breakpoint
COMMENT ON TABLE "exchange_load" IS '归集: one load of a collected table: rows in, inserted, updated, rejected, the count the sender declared and reconciliation = declared - (inserted + updated)';
--> statement-breakpoint
CREATE TABLE "exchange_record" (
	"resource_id" bigint NOT NULL,
	"record_key" text NOT NULL,
	"data" jsonb NOT NULL,
	"load_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_record_pk" PRIMARY KEY ("resource_id", "record_key"),
	CONSTRAINT "exchange_record_resource_id_exchange_resource_id_fk" FOREIGN KEY ("resource_id") REFERENCES "exchange_resource"("id")
);
--> statement-breakpoint
COMMENT ON TABLE "exchange_record" IS 'The collected tables: each resource''s rows by its key field, the values checked against the resource''s fields';
