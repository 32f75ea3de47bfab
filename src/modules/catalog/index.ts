import type { TongbanModule } from '../../platform/module.ts';
import { catalogRoutes } from './catalog.routes.ts';
import { seedSynonyms } from './catalog.search.ts';

export { catalogErrors } from './catalog.errors.ts';
export { contentSchema, ELEMENTS, type ImplementationContent, type ContentInput, type Material } from './catalog.types.ts';
export {
  createBaseItem,
  updateBaseItem,
  getBaseItem,
  findBaseItemByCode,
  listBaseItems,
  createImplementation,
  updateDraft,
  startNewVersion,
  transition,
  adoptTemplate,
  getImplementation,
  getVersion,
  findImplementationByCode,
  findImplementationsByCodes,
  implementationDetail,
  listImplementations,
  diffVersions,
  publishedContent,
  frozenVersionContent,
  implementationForApplying,
  validateContent,
  type CatalogAction,
} from './catalog.service.ts';
export { searchItems, searchSql, guideByCode, seedSynonyms, listSynonyms, replaceSynonyms, refreshSearchSnapshot } from './catalog.search.ts';
export { inspectCatalog } from './catalog.inspect.ts';
export { RULES, inspect } from './inspection.ts';
export { publishedList, listWorkbook, harmonisation, harmonisationIndex, LISTS, type ListName } from './catalog.lists.ts';
export { parseWorkbook, applyImport, exportWorkbook, createImportJob, runImportJob, getImportJob } from './catalog.excel.ts';
// The workbook's layout, for tests and fixtures that write a workbook to import.
export { BASE_COLUMNS, BASE_SHEET, IMPL_COLUMNS, IMPL_SHEET, MATERIAL_COLUMNS, MATERIAL_SHEET, formatCell } from './catalog.excel.ts';
export { indexTokens } from './search-tokens.ts';
export { catalogRoutes } from './catalog.routes.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'catalog.edit': true;
    'catalog.review': true;
    'catalog.inspect': true;
  }
}

/** The service catalogue (事项目录): base items, implementations and their versions, search, lists. */
export const catalogModule: TongbanModule = {
  name: 'catalog',
  routes: catalogRoutes,
  permissions: [
    { permission: 'catalog.edit', roles: ['item_admin'] },
    { permission: 'catalog.review', roles: ['item_admin'] },
    { permission: 'catalog.inspect', roles: ['reviewer', 'item_admin', 'supervisor'] },
  ],
  seedReference: async (db) => {
    const synonyms = await seedSynonyms(db);
    return synonyms ? `search synonyms: ${synonyms}` : undefined;
  },
  tables: ['base_item', 'catalog_import', 'implementation', 'implementation_version', 'search_synonym'],
  // Migration 0020 (ADR 0017): what other modules may read of this one in SQL.
  publishedViews: ['pub_catalog_implementation', 'pub_catalog_implementation_version'],
};
