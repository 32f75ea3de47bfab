import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { department, region } from '../regions/regions.schema.ts';
import type { ImportStatus } from './catalog.types.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * 基本目录: the item as defined once, with the standard template regions adopt (二次统筹). It belongs to the region
 * that defined it (`regionCode`, null: national); only an item admin of that region (or above) may change it.
 */
export const baseItem = pgTable(
  'base_item',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    itemType: text('item_type').notNull(),
    useLevel: text('use_level').notNull(),
    legalBasis: text('legal_basis').notNull().default(''),
    parentId: bigint('parent_id', { mode: 'number' }),
    regionCode: text('region_code').references(() => region.code),
    template: jsonb('template'),
    localElements: text('local_elements')
      .array()
      .notNull()
      .default(sql`ARRAY['place','hours','consultation','complaint']::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('base_item_code_idx').on(t.code), index('base_item_type_idx').on(t.itemType)],
);

/**
 * 实施清单: one per base item × region × department. The columns after `version` are a snapshot of the published
 * version for search and the public lists; the elements themselves live in implementation_version.content.
 */
export const implementation = pgTable(
  'implementation',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    code: text('code').notNull(),
    baseItemId: bigint('base_item_id', { mode: 'number' })
      .notNull()
      .references(() => baseItem.id),
    regionCode: text('region_code')
      .notNull()
      .references(() => region.code),
    departmentId: bigint('department_id', { mode: 'number' })
      .notNull()
      .references(() => department.id),
    status: text('status').notNull().default('draft'),
    publishedVersionId: bigint('published_version_id', { mode: 'number' }),
    latestVersionId: bigint('latest_version_id', { mode: 'number' }),
    version: integer('version').notNull().default(1),
    name: text('name').notNull(),
    itemType: text('item_type').notNull(),
    serviceObjects: text('service_objects')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    topics: text('topics')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    isOnline: boolean('is_online').notNull().default(false),
    isFullyOnline: boolean('is_fully_online').notNull().default(false),
    searchVector: tsvector('search_vector'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('implementation_code_idx').on(t.code),
    uniqueIndex('implementation_unique_idx').on(t.baseItemId, t.regionCode, t.departmentId),
    index('implementation_search_idx').using('gin', t.searchVector).with({ fastupdate: false }),
    index('implementation_topics_idx').using('gin', t.topics),
    index('implementation_region_idx').on(t.regionCode.op('text_pattern_ops'), t.status),
    index('implementation_department_idx').on(t.departmentId, t.status),
  ],
);

/** Versions of an implementation; a published version never changes. Cases keep the version they were filed under. */
export const implementationVersion = pgTable(
  'implementation_version',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    implementationId: bigint('implementation_id', { mode: 'number' })
      .notNull()
      .references(() => implementation.id),
    number: integer('number').notNull(),
    status: text('status').notNull(),
    content: jsonb('content').notNull(),
    createdBy: text('created_by').notNull(),
    reviewNote: text('review_note'),
    reviewedBy: text('reviewed_by'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('implementation_version_number_idx').on(t.implementationId, t.number)],
);

/** Search synonyms: a query for `term` also finds `synonym` (社保卡 → 社会保障卡). */
export const searchSynonym = pgTable(
  'search_synonym',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    term: text('term').notNull(),
    synonym: text('synonym').notNull(),
  },
  (t) => [uniqueIndex('search_synonym_pair_idx').on(t.term, t.synonym)],
);

/** A catalogue import (dry run or real): progress and every bad row, readable by any server process. */
export const catalogImport = pgTable('catalog_import', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  status: text('status').$type<ImportStatus>().notNull(),
  dryRun: boolean('dry_run').notNull(),
  publish: boolean('publish').notNull().default(false),
  fileName: text('file_name').notNull(),
  total: integer('total').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  problems: jsonb('problems')
    .notNull()
    .default(sql`'[]'::jsonb`),
  summary: jsonb('summary'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
});
