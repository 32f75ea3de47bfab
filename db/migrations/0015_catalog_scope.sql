-- A base item belongs to the region that defined it; NULL is a national base item, which only a national
-- (unscoped) item admin may change. Every base item before this migration was defined nationally.
ALTER TABLE "base_item" ADD COLUMN "region_code" text;
--> statement-breakpoint
ALTER TABLE "base_item" ADD CONSTRAINT "base_item_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
COMMENT ON COLUMN "base_item"."region_code" IS 'The region that defined the base item and alone may change it (with the regions above it); NULL: national, changed only by a national item admin';
