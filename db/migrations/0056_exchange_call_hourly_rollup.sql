-- Issue 23, ADR 0051: the call log is rolled up by the hour, not by the finished day, so the current month's statistics
-- read at most the last hour or so of the log (23 hours of a 10 M-call month took 0.8 s to read and bucket).
-- rolled_until becomes an instant (a date read as midnight in the session's time zone, as the rollup read it), and
-- the log gets a BRIN index on its time: what is not rolled yet is found without reading the month's partition (it was
-- read in full, three times, for each statistics page of the current month).
ALTER TABLE "exchange_call_day_head" ALTER COLUMN "rolled_until" TYPE timestamp with time zone USING "rolled_until"::timestamp with time zone;
--> statement-breakpoint
COMMENT ON TABLE "exchange_call_day_head" IS 'The calls before rolled_until (an hour) are in exchange_call_day; the statistics read the log itself from there on';
--> statement-breakpoint
COMMENT ON TABLE "exchange_call_day" IS 'The call log rolled up per day (the current day up to the hour last rolled, merged with each later hour): per side (p provider department, c consumer department, r resource code with its provider) the calls, failures and a latency histogram (buckets: µs rounded up to two significant digits; counts), from which a month''s statistics are merged exactly';
--> statement-breakpoint
-- BRIN: the log is written in time order, so ranges of pages map to ranges of time; a few kB for millions of rows
-- and nothing for a logged call to maintain but the summary of its page range (autosummarize: at the next vacuum).
CREATE INDEX "exchange_call_at_brin" ON "exchange_call" USING brin ("at") WITH (autosummarize = on);
