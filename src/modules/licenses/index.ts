export { licenseErrors } from './licenses.errors.ts';
export { listLicenseTypes, findLicenseType, existingLicenseTypeCodes, createLicenseType, type LicenseTypeInput, type LicenseTypeView } from './licenses.service.ts';
export { configureMasterKey, createSealKey } from './licenses.keys.ts';
export {
  issueLicense,
  findLicense,
  getLicense,
  findValidLicense,
  recordUse,
  revokeHolderLicences,
  changeLicenseStatus,
  expireDue,
  verifyLicense,
  shapeLicense,
  effectiveStatus,
  sealValid,
  type Holder,
} from './licenses.issue.ts';
export { parseLicenceFile, importLicences, importLicenceFile, importLicenceRows, checkLicenceRows, fileRows, bufferRows, IMPORT_COLUMNS, IMPORT_BATCH, type LicenceImportProblem, type LicenceImportResult, type RawLicenceRow, type RowSource } from './licenses.import.ts';
export { createSealPool, defaultSealWorkers } from './licenses.seal-pool.ts';
export { checkIdentifier, makeIdentifier, mod3736 } from './identifier.ts';
export { licensesRoutes } from './licenses.routes.ts';
export { licenseView } from './licenses.types.ts';
