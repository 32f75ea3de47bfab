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
