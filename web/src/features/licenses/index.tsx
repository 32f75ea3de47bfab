// The licences feature's door: its declaration for the registry, and what other features may use.
export { feature } from './licenses.feature.tsx';

// The door for other features (the door lint allows no other way in): what they use of the licences feature.
export { LicenseFacts, LicenseStatusTag, licenseApi, useLicenseTypeName, verifyPath } from './licenseKit.tsx';
