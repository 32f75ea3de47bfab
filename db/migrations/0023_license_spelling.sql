-- Issue 19, ADR 0022: code spells `license`. The values that code compares with and that were stored with the other
-- spelling are renamed here: a material's source and a case's result type in the catalogue (`"licence"`), material
-- keys such as `business_licence`, a material's mode, and case event types. Only JSON strings without spaces are
-- touched (codes and keys, never prose); sealed licence data is left as it was signed, and the audit log, which is
-- append-only, keeps the words it was written with.
UPDATE "implementation_version" SET "content" = regexp_replace("content"::text, '"([A-Za-z0-9_.-]*)([lL])icence([A-Za-z0-9_.-]*)"', '"\1\2icense\3"', 'g')::jsonb
  WHERE "content"::text ~ '"[A-Za-z0-9_.-]*[lL]icence[A-Za-z0-9_.-]*"';--> statement-breakpoint
UPDATE "base_item" SET "template" = regexp_replace("template"::text, '"([A-Za-z0-9_.-]*)([lL])icence([A-Za-z0-9_.-]*)"', '"\1\2icense\3"', 'g')::jsonb
  WHERE "template"::text ~ '"[A-Za-z0-9_.-]*[lL]icence[A-Za-z0-9_.-]*"';--> statement-breakpoint
UPDATE "service_case" SET "form_data" = regexp_replace("form_data"::text, '"([A-Za-z0-9_.-]*)([lL])icence([A-Za-z0-9_.-]*)":', '"\1\2icense\3":', 'g')::jsonb
  WHERE "form_data"::text ~ '"[A-Za-z0-9_.-]*[lL]icence[A-Za-z0-9_.-]*":';--> statement-breakpoint
UPDATE "case_material" SET "mode" = 'license' WHERE "mode" = 'licence';--> statement-breakpoint
UPDATE "case_material" SET "material_key" = replace("material_key", 'licence', 'license') WHERE "material_key" LIKE '%licence%';--> statement-breakpoint
UPDATE "case_event" SET "type" = replace("type", 'licence', 'license') WHERE "type" LIKE '%licence%';
