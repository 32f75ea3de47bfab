// The catalog feature's door: its declaration for the registry, and what other features may use.
export { feature } from './catalog.feature.tsx';

// The door for other features (the door lint allows no other way in): what they use of the catalog feature.
export { isIdNumber, isMobile, isUscc } from './checks.ts';
export { fieldsOf } from './editor/formSchema.ts';
export { SchemaField, shownFields } from './editor/FormPreview.tsx';
export { PublicLayout } from './PublicLayout.tsx';
export { useLicenseTypes } from './catalog.tsx';
