// The audit feature's door: its declaration for the registry, and what other features may use.
export { feature } from './audit.feature.tsx';
