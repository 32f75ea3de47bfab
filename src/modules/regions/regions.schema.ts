import { bigint, bigserial, foreignKey, index, integer, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** 行政区划 (GB/T 2260): provinces, cities and counties; 6-digit codes (towns 9, villages 12). */
export const region = pgTable(
  'region',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
  },
  (t) => [index('region_parent_idx').on(t.parentCode), foreignKey({ columns: [t.parentCode], foreignColumns: [t.code] })],
);

/** 部门 / 实施主体: the bodies that carry out items, identified by their USCC. */
export const department = pgTable(
  'department',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    parentId: bigint('parent_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('department_uscc_idx').on(t.uscc),
    index('department_region_idx').on(t.regionCode),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }),
  ],
);
