-- Replay before publishing (issue 22, ADR 0041): a new rule-set version is decided again over the newest applications
-- of its implementation. Without this index each replay (and each publish) read every case of the platform.
CREATE INDEX IF NOT EXISTS "service_case_implementation_idx" ON "service_case" USING btree ("implementation_id", "id" DESC);
