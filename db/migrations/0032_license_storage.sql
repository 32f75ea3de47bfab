-- Issue 20, ADR 0029: a licence in less room (performance-notes S2, ≤ 600 B per licence at 10 million).
-- * The type's and issuer's names as a seal signed them are kept once per pair; a new licence points to its pair and
--   stores no signed_data (it is rebuilt byte-exact from the columns). Existing licences keep theirs: exactly one of
--   the two is set.
-- * The identifier is derived from its parts; new licences store none, existing ones keep theirs. Lookups go by the
--   parts (license_identifier_parts_idx), which also serves what license_issuer_idx served.
-- * Signature and seal verdict as bytes: the same DER signature and HMAC, decoded from base64 and hex (every existing
--   seal verdict still matches: the signature reads back as the same base64).
-- * The data as its JSON text (json): sealed, never queried inside, and smaller than jsonb's binary form.
-- * The holder index by ID number alone: a holder has a handful of licences, filtered by type and status after it.
-- Converting the three columns rewrites the table once (minutes at 10 million rows).
CREATE TABLE "license_sealed_names" (
	"id" serial PRIMARY KEY NOT NULL,
	"type_name" text NOT NULL,
	"issuer_name" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "license_sealed_names_idx" ON "license_sealed_names" USING btree ("type_name","issuer_name");--> statement-breakpoint
COMMENT ON TABLE "license_sealed_names" IS 'The licence type''s and issuing department''s names as a seal signed them, once per pair; rows are never changed (ADR 0029)';--> statement-breakpoint
DROP INDEX "license_identifier_idx";--> statement-breakpoint
DROP INDEX "license_issuer_idx";--> statement-breakpoint
DROP INDEX "license_holder_idx";--> statement-breakpoint
ALTER TABLE "license"
	ALTER COLUMN "signature" SET DATA TYPE bytea USING decode("signature", 'base64'),
	ALTER COLUMN "seal_verdict" SET DATA TYPE bytea USING decode("seal_verdict", 'hex'),
	ALTER COLUMN "data" SET DATA TYPE json USING "data"::json,
	ALTER COLUMN "signed_data" DROP NOT NULL,
	ALTER COLUMN "identifier" DROP NOT NULL,
	ADD COLUMN "sealed_names_id" integer REFERENCES "license_sealed_names"("id"),
	ADD CONSTRAINT "license_signed_data_or_names" CHECK (("signed_data" IS NULL) <> ("sealed_names_id" IS NULL));--> statement-breakpoint
CREATE UNIQUE INDEX "license_identifier_parts_idx" ON "license" USING btree ("issuer_uscc","serial","type_code","version_no");--> statement-breakpoint
CREATE INDEX "license_holder_idx" ON "license" USING btree ("holder_id_number");--> statement-breakpoint
COMMENT ON COLUMN "license"."signed_data" IS 'The signed data as stored before ADR 0029; null when it is rebuilt from the columns and sealed_names_id';--> statement-breakpoint
COMMENT ON COLUMN "license"."identifier" IS 'The identifier as stored before ADR 0029; null when derived from type_code, issuer_uscc, serial and version_no';--> statement-breakpoint
COMMENT ON COLUMN "license"."signature" IS 'The SM2 signature, DER';--> statement-breakpoint
COMMENT ON COLUMN "license"."seal_verdict" IS 'HMAC-SM3 of identifier, seal key, signature and signed data, written with the seal: while it matches, the seal verifies without an SM2 check (ADR 0009)';
