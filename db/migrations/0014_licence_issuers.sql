CREATE TABLE "license_type_issuer" (
	"type_code" text NOT NULL,
	"department_id" bigint NOT NULL,
	CONSTRAINT "license_type_issuer_pk" PRIMARY KEY("type_code","department_id"),
	CONSTRAINT "license_type_issuer_type_fk" FOREIGN KEY ("type_code") REFERENCES "license_type"("code"),
	CONSTRAINT "license_type_issuer_department_fk" FOREIGN KEY ("department_id") REFERENCES "department"("id")
);
--> statement-breakpoint
CREATE INDEX "license_type_issuer_department_idx" ON "license_type_issuer" USING btree ("department_id");
--> statement-breakpoint
COMMENT ON TABLE "license_type_issuer" IS 'The departments that may issue (and revoke) licences of a type; nobody else may, whatever their role';
--> statement-breakpoint
-- Departments that have issued a type already keep issuing it.
INSERT INTO "license_type_issuer" ("type_code", "department_id") SELECT DISTINCT "type_code", "issuer_department_id" FROM "license" ON CONFLICT DO NOTHING;
--> statement-breakpoint
ALTER TABLE "license_type" ADD COLUMN "fields" jsonb DEFAULT '[]'::jsonb NOT NULL;
--> statement-breakpoint
COMMENT ON COLUMN "license_type"."fields" IS 'The data keys a licence of this type carries and seals (JSON array of strings); any other key is left out';
--> statement-breakpoint
ALTER TABLE "license" ADD COLUMN "verify_code" text DEFAULT upper(substr(replace(gen_random_uuid()::text, '-', ''), 1, 12)) NOT NULL;
--> statement-breakpoint
COMMENT ON COLUMN "license"."verify_code" IS 'Random code printed with the licence (QR, document): public verification needs it, so serials cannot be walked';
