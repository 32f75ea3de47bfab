-- Issue 18: a file's name and visibility belong to its upload, not to its bytes. Identical bytes uploaded twice are
-- stored once (stored_file) and recorded twice (file_upload), each with its own name; one public upload no longer
-- makes another's private file public or shows its name.
CREATE TABLE "file_upload" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"digest" text NOT NULL,
	"name" text NOT NULL,
	"is_public" boolean NOT NULL,
	"uploaded_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "file_upload" ADD CONSTRAINT "file_upload_digest_stored_file_digest_fk" FOREIGN KEY ("digest") REFERENCES "public"."stored_file"("digest") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_upload_digest_idx" ON "file_upload" USING btree ("digest","is_public");--> statement-breakpoint
INSERT INTO "file_upload" ("digest", "name", "is_public", "created_at") SELECT "digest", "name", "is_public", "created_at" FROM "stored_file";--> statement-breakpoint
ALTER TABLE "stored_file" DROP COLUMN "name";--> statement-breakpoint
ALTER TABLE "stored_file" DROP COLUMN "is_public";--> statement-breakpoint
COMMENT ON TABLE "file_upload" IS 'Each upload of a stored file: its own name, uploader and whether it is public';
--> statement-breakpoint
-- The audit log proves itself: each entry carries the region it was acted in (scoped readers see their region's) and
-- the server's HMAC-SM3 (a row inserted by hand has none that verifies); links of format 2 hash the time in
-- microseconds, the region and the MAC; signed checkpoints of the head anchor the chain outside the database.
ALTER TABLE "audit_log" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
CREATE INDEX "audit_log_region_idx" ON "audit_log" USING btree ("region_code","id");--> statement-breakpoint
ALTER TABLE "audit_chain" ADD COLUMN "format" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE TABLE "audit_checkpoint" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"at" text NOT NULL,
	"signature" text NOT NULL,
	"public_key_pem" text NOT NULL
);
--> statement-breakpoint
COMMENT ON COLUMN "audit_log"."mac" IS 'HMAC-SM3 of the entry by the server; an entry without a valid one was not written by the server';--> statement-breakpoint
COMMENT ON COLUMN "audit_chain"."format" IS '1: time in ms, no region or MAC hashed; 2: time in µs, region and MAC hashed';--> statement-breakpoint
COMMENT ON TABLE "audit_checkpoint" IS 'SM2-signed checkpoints of the audit chain head, exported to anchor the chain outside the database';
