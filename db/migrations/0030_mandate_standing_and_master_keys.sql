-- Two leftovers of issue 18.
-- 1. An agent acts on a case only while a mandate of the case's principal covering its item is in force (not revoked,
--    today within its period). The cases module reads the mandates through this view (data walls, ADR 0017).
CREATE VIEW "pub_mandates_mandate" AS
  SELECT "id", "principal_user_id", "agent_user_id", "all_items", "item_codes", "valid_from", "valid_until", "status"
  FROM "mandate";--> statement-breakpoint
COMMENT ON VIEW "pub_mandates_mandate" IS 'Mandates as other modules may read them: who lets whom act, for which items, in which period, revoked or not';--> statement-breakpoint
-- 2. Master-key rotation (ADR 0030): the master key a seal key's private key is sealed under, by its key id (a
--    fingerprint of the key, never the key). NULL: sealed before key ids were recorded (any known key is tried).
ALTER TABLE "seal_key" ADD COLUMN "master_key_id" text;--> statement-breakpoint
COMMENT ON COLUMN "seal_key"."master_key_id" IS 'Key id (HMAC-SM3 fingerprint) of the master key that seals private_key_sealed; NULL: from before rotation, any known key is tried';
