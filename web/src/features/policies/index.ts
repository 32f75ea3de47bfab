// The policies feature's door: its declaration for the registry.
export { feature } from './policies.feature.tsx';
