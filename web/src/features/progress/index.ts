// The progress feature's door: its declaration for the registry.
export { feature } from './progress.feature.tsx';
