CREATE TABLE "mandate" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"principal_user_id" bigint NOT NULL,
	"agent_user_id" bigint NOT NULL,
	"all_items" boolean DEFAULT false NOT NULL,
	"item_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"origin" text NOT NULL,
	"region_code" text,
	"document_digest" text,
	"recorded_by_user_id" bigint,
	"revoked_at" timestamp with time zone,
	"revoked_by_user_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mandate_principal_fk" FOREIGN KEY ("principal_user_id") REFERENCES "app_user"("id"),
	CONSTRAINT "mandate_agent_fk" FOREIGN KEY ("agent_user_id") REFERENCES "app_user"("id"),
	CONSTRAINT "mandate_recorded_by_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "app_user"("id"),
	CONSTRAINT "mandate_revoked_by_fk" FOREIGN KEY ("revoked_by_user_id") REFERENCES "app_user"("id"),
	CONSTRAINT "mandate_region_fk" FOREIGN KEY ("region_code") REFERENCES "region"("code"),
	CONSTRAINT "mandate_not_self" CHECK ("principal_user_id" <> "agent_user_id"),
	CONSTRAINT "mandate_period" CHECK ("valid_until" >= "valid_from" AND "valid_until" - "valid_from" <= 365),
	CONSTRAINT "mandate_scope" CHECK ("all_items" OR cardinality("item_codes") > 0),
	CONSTRAINT "mandate_status" CHECK ("status" IN ('active', 'revoked')),
	CONSTRAINT "mandate_origin" CHECK ("origin" = 'online' OR ("origin" = 'recorded' AND "document_digest" IS NOT NULL AND "recorded_by_user_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "mandate_agent_idx" ON "mandate" USING btree ("agent_user_id","principal_user_id");
--> statement-breakpoint
CREATE INDEX "mandate_principal_idx" ON "mandate" USING btree ("principal_user_id","id");
--> statement-breakpoint
COMMENT ON TABLE "mandate" IS '授权委托: an applicant (principal) lets an agent apply in its name, for some items or all, for at most a year, until revoked; granted online by the principal or recorded by a window clerk from a signed 委托书';
--> statement-breakpoint
COMMENT ON COLUMN "mandate"."item_codes" IS 'Implementation codes the agent may apply for (ignored when all_items)';
--> statement-breakpoint
COMMENT ON COLUMN "mandate"."status" IS 'active or revoked; expiry is read from valid_until';
--> statement-breakpoint
COMMENT ON COLUMN "mandate"."origin" IS 'online: granted by the principal signed in; recorded: entered by a clerk (recorded_by_user_id) after checking identity, with the scanned 委托书 (document_digest)';
--> statement-breakpoint
COMMENT ON COLUMN "mandate"."region_code" IS 'The region of the window that recorded it (null when granted online)';
--> statement-breakpoint
COMMENT ON COLUMN "mandate"."document_digest" IS 'SM3 digest of the scanned 委托书 in the file store';
--> statement-breakpoint
ALTER TABLE "service_case" ADD COLUMN "mandate_id" bigint;
--> statement-breakpoint
ALTER TABLE "service_case" ADD CONSTRAINT "service_case_mandate_fk" FOREIGN KEY ("mandate_id") REFERENCES "mandate"("id");
--> statement-breakpoint
COMMENT ON COLUMN "service_case"."mandate_id" IS 'The mandate an agent applied under (agent_authorisation holds the free text of cases from before mandates)';
