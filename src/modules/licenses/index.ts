import type { TongbanModule } from '../../platform/module.ts';
import { masterKey, previousMasterKeys } from '../../platform/config.ts';
import { licensesRoutes } from './licenses.routes.ts';
import { licensesJobs } from './licenses.jobs.ts';
import { configureMasterKey } from './licenses.keys.ts';

export { licenseErrors } from './licenses.errors.ts';
export {
  listLicenseTypes,
  findLicenseType,
  existingLicenseTypeCodes,
  createLicenseType,
  type LicenseTypeInput,
  type LicenseTypeView,
} from './licenses.service.ts';
export { configureMasterKey, createSealKey, activeSealKey, sealVerdict, resealSealKeys, type MasterKeyRotation } from './licenses.keys.ts';
export {
  issueLicense,
  reserveSerial,
  findLicense,
  getLicense,
  findValidLicense,
  walletOf,
  recordUse,
  revokeHolderLicenses,
  changeLicenseStatus,
  expireDue,
  verifyLicense,
  shapeLicense,
  effectiveStatus,
  sealValid,
  signedDataOf,
  sealedNamesId,
  verifyQuery,
  type Holder,
} from './licenses.issue.ts';
export {
  parseLicenseFile,
  importLicenses,
  importLicenseFile,
  importLicenseRows,
  checkLicenseRows,
  fileRows,
  bufferRows,
  IMPORT_COLUMNS,
  IMPORT_BATCH,
  type LicenseImportProblem,
  type LicenseImportResult,
  type RawLicenseRow,
  type RowSource,
} from './licenses.import.ts';
export { createSealPool, defaultSealWorkers } from './licenses.seal-pool.ts';
export { checkIdentifier, makeIdentifier, mod3736 } from './identifier.ts';
export { licensesRoutes } from './licenses.routes.ts';
export { licensesJobs } from './licenses.jobs.ts';
export { licenseView } from './licenses.types.ts';
export { fieldsOf, labelledData, type LicenseField, type LicenseFieldInput, type LicenseEntry } from './licenses.fields.ts';
export { listRegister, registerWorkbook, type RegisterQuery } from './licenses.register.ts';

declare module '../../platform/permissions.ts' {
  interface PermissionNames {
    'license_types.manage': true;
    'licenses.issue': true;
    'licenses.revoke': true;
    'seal_keys.manage': true;
  }
}

/** Electronic licences (电子证照): types, issue, seals, verification, import. */
export const licensesModule: TongbanModule = {
  name: 'licenses',
  routes: licensesRoutes,
  permissions: [
    { permission: 'license_types.manage', roles: ['item_admin'] },
    { permission: 'licenses.issue', roles: ['reviewer'] },
    { permission: 'licenses.revoke', roles: ['reviewer'] },
    { permission: 'seal_keys.manage', roles: [] },
  ],
  jobs: licensesJobs,
  // Seal keys are kept encrypted under a key derived from the master key.
  configure: (config) => configureMasterKey(masterKey(config), previousMasterKeys(config)),
  tables: ['license', 'license_sealed_names', 'license_serial', 'license_type', 'license_type_issuer', 'license_use', 'seal_key', 'trusted_key'],
  // Each use of a licence with its type and issuer: the exchange statistics count them as calls (migration 0053).
  publishedViews: ['pub_licenses_use'],
};
