// The mandates feature's door: its declaration for the registry, and what other features may use.
export { feature } from './mandates.feature.tsx';

// The door for other features (the door lint allows no other way in): what they use of the mandates feature.
export { covers, mandateApi, type Mandate } from './mandates.ts';
