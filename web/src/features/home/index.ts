// The home feature's door: its declaration for the registry, and what other features may use.
export { feature } from './home.feature.ts';
