-- Issue 23, ADR 0049: a grant's rate limit holds across server processes. Each grant's count of calls in the current
-- minute is one row, which processes take leases from (exchange.rate.ts).
CREATE TABLE "exchange_grant_rate" (
	"grant_id" bigint PRIMARY KEY NOT NULL,
	"minute" bigint NOT NULL,
	"used" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exchange_grant_rate" ADD CONSTRAINT "exchange_grant_rate_grant_id_exchange_grant_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."exchange_grant"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
COMMENT ON TABLE "exchange_grant_rate" IS 'The calls of a grant counted in the current minute, shared by all server processes: a process adds a lease (a twentieth of the grant''s limit) and spends it; a newer minute starts the count again';
--> statement-breakpoint
COMMENT ON COLUMN "exchange_grant_rate"."minute" IS 'Minutes since the Unix epoch, by the database''s clock, that the count belongs to';
--> statement-breakpoint
COMMENT ON COLUMN "exchange_grant_rate"."used" IS 'Calls leased to processes in that minute (some may be unspent); at or above the grant''s rate_per_minute the minute is full';
