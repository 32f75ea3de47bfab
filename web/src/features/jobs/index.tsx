// The jobs feature's door: its declaration for the registry.
export { feature } from './jobs.feature.tsx';
