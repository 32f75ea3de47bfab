-- The public's self-service (issue 20, ADR 0027): SMS verification codes for self-registration and password reset,
-- and the failed look-ups of a case's progress by its number and query code (查询码), which rate-limit guessing.
-- Codes are stored only as SM3 digests; a code lives five minutes and takes a few wrong tries.
CREATE TABLE "sms_code" (
  "id" bigserial PRIMARY KEY,
  "phone" text NOT NULL,
  "purpose" text NOT NULL CHECK ("purpose" IN ('register', 'reset')),
  "code_hash" text NOT NULL,
  "ip" text NOT NULL,
  "attempts" integer NOT NULL DEFAULT 0,
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "expires_at" timestamp with time zone NOT NULL,
  "used_at" timestamp with time zone
);--> statement-breakpoint
COMMENT ON TABLE "sms_code" IS 'SMS verification codes (registration, password reset): digest only, five minutes, a few tries';--> statement-breakpoint
COMMENT ON COLUMN "sms_code"."code_hash" IS 'SM3 of purpose, phone and code: the code itself is never stored';--> statement-breakpoint
COMMENT ON COLUMN "sms_code"."attempts" IS 'Wrong codes tried against this one; at the limit it is dead';--> statement-breakpoint
CREATE INDEX "sms_code_phone_idx" ON "sms_code" ("phone", "purpose", "created_at");--> statement-breakpoint
CREATE INDEX "sms_code_ip_idx" ON "sms_code" ("ip", "created_at");--> statement-breakpoint
CREATE TABLE "case_lookup_failure" (
  "id" bigserial PRIMARY KEY,
  "number" text NOT NULL,
  "ip" text NOT NULL,
  "at" timestamp with time zone NOT NULL DEFAULT now()
);--> statement-breakpoint
COMMENT ON TABLE "case_lookup_failure" IS 'Wrong case number or query code in the public progress look-up: too many per case or per address refuse for a while';--> statement-breakpoint
CREATE INDEX "case_lookup_failure_number_idx" ON "case_lookup_failure" ("number", "at");--> statement-breakpoint
CREATE INDEX "case_lookup_failure_ip_idx" ON "case_lookup_failure" ("ip", "at");
