-- Domain events and jobs (issue 19, ADR 0018). An event is written into the outbox in the same transaction as the
-- change it tells of, and handed to its subscribers by the job runner of any process: rows are claimed with
-- FOR UPDATE SKIP LOCKED, a failed delivery is tried again later (exponential backoff) up to max_attempts, then kept
-- as failed with its error (masked) for an admin to see and retry.
CREATE TABLE "outbox_event" (
  "id" bigserial PRIMARY KEY,
  "name" text NOT NULL,
  "payload" jsonb NOT NULL,
  "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'done', 'failed')),
  "attempts" integer NOT NULL DEFAULT 0,
  "max_attempts" integer NOT NULL DEFAULT 8,
  "run_at" timestamp with time zone NOT NULL DEFAULT now(),
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "done_at" timestamp with time zone,
  "last_error" text,
  "version" integer NOT NULL DEFAULT 1
);--> statement-breakpoint
COMMENT ON TABLE "outbox_event" IS 'Domain events written with the change they tell of, delivered to their subscribers by the job runner';--> statement-breakpoint
COMMENT ON COLUMN "outbox_event"."run_at" IS 'Not before: the next attempt (backoff after a failure)';--> statement-breakpoint
COMMENT ON COLUMN "outbox_event"."last_error" IS 'The last failure, masked (no personal data): type and message';--> statement-breakpoint
-- The runner's claim reads only the due pending rows; the admin page lists by status, newest first.
CREATE INDEX "outbox_event_due_idx" ON "outbox_event" ("run_at", "id") WHERE "status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_event_status_idx" ON "outbox_event" ("status", "id");--> statement-breakpoint
-- One row per recurring job: a round is claimed by updating the row (the lease), so that of all the processes
-- running the job runner one runs each round, and a process that died mid-round loses its lease when it expires.
CREATE TABLE "job_schedule" (
  "name" text PRIMARY KEY,
  "every_ms" integer NOT NULL,
  "last_started_at" timestamp with time zone,
  "last_finished_at" timestamp with time zone,
  "leased_until" timestamp with time zone,
  "leased_by" text,
  "runs" bigint NOT NULL DEFAULT 0,
  "failures" bigint NOT NULL DEFAULT 0,
  "last_error" text,
  "last_error_at" timestamp with time zone
);--> statement-breakpoint
COMMENT ON TABLE "job_schedule" IS 'Recurring jobs: the lease of the round being run, and the last outcome';--> statement-breakpoint
-- In-app notifications become the platform's (any module notifies through platform/notify.ts): the platform does not
-- depend on a module's table, so the reference to the case is kept as a plain id (the cases module shows its number).
ALTER TABLE "notification" DROP CONSTRAINT IF EXISTS "notification_case_id_service_case_id_fk";--> statement-breakpoint
COMMENT ON TABLE "notification" IS 'In-app notifications (platform/notify.ts); SMS and e-mail leave through the outbox and the Notifier adapter';
