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
export { catalogRoutes } from './catalog.routes.ts';
