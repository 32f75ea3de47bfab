CREATE TABLE "audit_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_chain_entry_id_unique" UNIQUE("entry_id")
);
--> statement-breakpoint
INSERT INTO "audit_chain" ("seq", "entry_id", "hash") SELECT "id", "id", "hash" FROM "audit_log";--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "last_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "sealed_xid" "xid8";--> statement-breakpoint
ALTER TABLE "audit_head" ADD COLUMN "sealed_id" bigint;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
UPDATE "audit_head" SET "last_seq" = "last_id", "sealed_xid" = pg_current_xact_id(), "sealed_id" = "last_id";--> statement-breakpoint
SELECT setval(pg_get_serial_sequence('audit_log', 'id'), (SELECT coalesce(max("id"), 0) + 1 FROM "audit_log"), false);--> statement-breakpoint
ALTER TABLE "audit_head" ALTER COLUMN "last_seq" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_head" ALTER COLUMN "sealed_xid" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_head" ALTER COLUMN "sealed_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_log_xid_idx" ON "audit_log" USING btree ("xid","id");--> statement-breakpoint
ALTER TABLE "audit_head" DROP COLUMN "last_id";--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "prev_hash";--> statement-breakpoint
ALTER TABLE "audit_log" DROP COLUMN "hash";--> statement-breakpoint
COMMENT ON TABLE "audit_log" IS 'Audit log: one row per state change, written in the transaction of the change, with that transaction''s id';--> statement-breakpoint
COMMENT ON TABLE "audit_chain" IS 'SM3 hash chain over the audit log in sealing order (rows of finished transactions, by transaction id then id)';--> statement-breakpoint
COMMENT ON TABLE "audit_head" IS 'Head of the audit chain: last link, count, and the sealer''s watermark (transaction id, entry id)';
