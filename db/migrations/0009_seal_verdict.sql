ALTER TABLE "license" ADD COLUMN "seal_verdict" text;--> statement-breakpoint
COMMENT ON COLUMN "license"."seal_verdict" IS 'HMAC-SM3 of identifier, seal key, signature and signed data, written with the seal: while it matches, the seal verifies without an SM2 check (ADR 0009)';
