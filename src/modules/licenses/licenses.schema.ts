import { bigserial, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * 证照类型 (licence types). The catalogue points at them (a material sourced from a licence, the result an item
 * yields); issue, seal and verification build on this table.
 */
export const licenseType = pgTable(
  'license_type',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    definingBodyUscc: text('defining_body_uscc').notNull(),
    definingBodyName: text('defining_body_name').notNull(),
    holderKind: text('holder_kind').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('license_type_code_idx').on(t.code)],
);
