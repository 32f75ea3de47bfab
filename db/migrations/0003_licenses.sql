CREATE TABLE "license" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"type_code" text NOT NULL,
	"serial" text NOT NULL,
	"version_no" integer NOT NULL,
	"issuer_department_id" bigint NOT NULL,
	"issuer_uscc" text NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_name" text NOT NULL,
	"holder_id_number" text NOT NULL,
	"issue_date" date NOT NULL,
	"valid_until" date,
	"data" jsonb NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"signed_data" text NOT NULL,
	"signature" text NOT NULL,
	"seal_key_id" bigint,
	"case_number" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "license_serial" (
	"issuer_uscc" text NOT NULL,
	"type_code" text NOT NULL,
	"last" bigint NOT NULL,
	CONSTRAINT "license_serial_issuer_uscc_type_code_pk" PRIMARY KEY("issuer_uscc","type_code")
);
--> statement-breakpoint
CREATE TABLE "license_use" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"license_id" bigint NOT NULL,
	"case_number" text,
	"user_id" bigint,
	"user_name" text NOT NULL,
	"purpose" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seal_key" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"department_id" bigint NOT NULL,
	"public_key_hex" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "trusted_key" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"public_key_hex" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trusted_key_public_key_hex_unique" UNIQUE("public_key_hex")
);
--> statement-breakpoint
ALTER TABLE "license_type" ADD COLUMN "validity_years" integer;--> statement-breakpoint
ALTER TABLE "license" ADD CONSTRAINT "license_issuer_department_id_department_id_fk" FOREIGN KEY ("issuer_department_id") REFERENCES "public"."department"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_use" ADD CONSTRAINT "license_use_license_id_license_id_fk" FOREIGN KEY ("license_id") REFERENCES "public"."license"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seal_key" ADD CONSTRAINT "seal_key_department_id_department_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."department"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "license_identifier_idx" ON "license" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "license_holder_idx" ON "license" USING btree ("holder_id_number","type_code","status");--> statement-breakpoint
CREATE INDEX "license_issuer_idx" ON "license" USING btree ("issuer_uscc","serial");--> statement-breakpoint
CREATE INDEX "license_expiry_idx" ON "license" USING btree ("valid_until") WHERE status = 'valid';--> statement-breakpoint
CREATE INDEX "license_use_license_idx" ON "license_use" USING btree ("license_id","id");--> statement-breakpoint
CREATE INDEX "seal_key_department_idx" ON "seal_key" USING btree ("department_id","status");--> statement-breakpoint
COMMENT ON TABLE "seal_key" IS 'SM2 seal keys of issuing departments; private keys SM4-encrypted under the master key';--> statement-breakpoint
COMMENT ON TABLE "trusted_key" IS 'Public keys of other platforms whose licences verify here (互通互认)';--> statement-breakpoint
COMMENT ON TABLE "license" IS 'E-licences (电子证照): every version, with its SM2 seal over RFC 8785 JSON';--> statement-breakpoint
COMMENT ON TABLE "license_serial" IS 'Licence serial numbers per issuer and type';--> statement-breakpoint
COMMENT ON TABLE "license_use" IS 'Every use of a licence: who, case, purpose, time (the holder sees them)';
