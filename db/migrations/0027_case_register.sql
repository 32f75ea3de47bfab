-- 办件台账 (issue 20): the register lists a scope's cases newest submission first, a page at a time; this index walks
-- them in that order instead of sorting every case of the scope for each page.
CREATE INDEX IF NOT EXISTS "service_case_received_idx" ON "service_case" ("received_on" DESC NULLS LAST, "id" DESC);
