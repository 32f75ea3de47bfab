// The bundles feature's door: its declaration for the registry.
export { feature } from './bundles.feature.tsx';
