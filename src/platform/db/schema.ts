/** Every table of the platform, for drizzle's typed queries. Each module owns its own *.schema.ts. */
export * from './platform.schema.ts';
export * from '../../modules/regions/regions.schema.ts';
export * from '../../modules/accounts/accounts.schema.ts';
export * from '../../modules/licenses/licenses.schema.ts';
export * from '../../modules/catalog/catalog.schema.ts';
export * from '../../modules/cases/cases.schema.ts';
export * from '../../modules/ratings/ratings.schema.ts';
export * from '../../modules/mandates/mandates.schema.ts';
