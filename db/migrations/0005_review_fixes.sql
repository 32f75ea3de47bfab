DROP INDEX "rating_case_number_idx";--> statement-breakpoint
ALTER TABLE "rating" ADD COLUMN "kind" text DEFAULT 'online' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "app_user_id_number_idx" ON "app_user" USING btree ("id_number") WHERE id_number IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "seal_key_active_idx" ON "seal_key" USING btree ("department_id") WHERE status = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "rating_case_number_idx" ON "rating" USING btree ("case_id","kind","assess_number");