ALTER TABLE "audit_head" DROP COLUMN "count";--> statement-breakpoint
COMMENT ON TABLE "audit_head" IS 'Head of the audit chain: the last link (its position is the count) and the sealer''s watermark (transaction id, entry id)';
