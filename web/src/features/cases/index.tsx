// The cases feature's door: its declaration for the registry, and what other features may use.
export { feature } from './cases.feature.tsx';

// The door for other features (the door lint allows no other way in): what they use of the cases feature.
export { caseApi } from './caseApi.ts';
export { ClockCell } from './ClockView.tsx';
export { ReasonModal } from './actionModals.tsx';
export { CaseDrawer } from './CaseDrawer.tsx';
// The bundles feature takes one set of materials with the same file chooser (ADR 0036).
export { FilePick } from './FilePick.tsx';
