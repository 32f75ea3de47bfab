-- The search index updates at once on publishing (fastupdate off) instead of collecting new entries in a pending list
-- that every search then reads through linearly until autovacuum merges it. The catalogue is written rarely and
-- searched all the time: at 50,000 items a broad query's index scan took 1.66 ms with the bulk-loaded entries pending
-- and 0.36 ms without (bench/README.md, "Search").
ALTER INDEX "implementation_search_idx" SET (fastupdate = off);--> statement-breakpoint
SELECT gin_clean_pending_list('implementation_search_idx'::regclass);
