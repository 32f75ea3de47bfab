// The rules feature's door: its declaration for the registry.
export { feature } from './rules.feature.tsx';
