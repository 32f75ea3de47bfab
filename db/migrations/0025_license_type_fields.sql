-- Issue 20 ("Licences that read right"): a licence type declares each field with its labels, whether it is printed
-- on the document and whether it is sealed, and the legal basis of its validity. Existing fields keep their key as
-- label until an item admin edits them; a key that names a contact phone is neither sealed nor printed.
ALTER TABLE "license_type" ADD COLUMN "validity_basis" text;--> statement-breakpoint
UPDATE "license_type" SET "fields" = coalesce((
    SELECT jsonb_agg(CASE WHEN jsonb_typeof(e.f) = 'string' THEN jsonb_build_object(
        'key', e.f #>> '{}', 'label', e.f #>> '{}', 'labelEn', NULL,
        'printed', NOT ((e.f #>> '{}') ~* '(phone|mobile|telephone|电话|手机)'),
        'sealed', NOT ((e.f #>> '{}') ~* '(phone|mobile|telephone|电话|手机)'))
      ELSE e.f END ORDER BY e.n)
    FROM jsonb_array_elements("fields") WITH ORDINALITY AS e(f, n)), '[]'::jsonb)
  WHERE jsonb_typeof("fields") = 'array';--> statement-breakpoint
COMMENT ON COLUMN "license_type"."fields" IS 'The fields a licence of this type carries: JSON array of {key, label, labelEn, printed, sealed}; only sealed keys are kept and signed, only printed ones appear on the document; a contact phone is never either';--> statement-breakpoint
COMMENT ON COLUMN "license_type"."validity_basis" IS 'The legal basis of the validity rule: why a licence of the type is valid for validity_years, or long-term (validity_years null)';
