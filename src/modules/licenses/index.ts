export { licenseErrors } from './licenses.errors.ts';
export { listLicenseTypes, findLicenseType, existingLicenseTypeCodes, createLicenseType, type LicenseTypeInput, type LicenseTypeView } from './licenses.service.ts';
export { licensesRoutes } from './licenses.routes.ts';
